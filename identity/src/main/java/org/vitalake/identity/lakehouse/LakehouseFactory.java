package org.vitalake.identity.lakehouse;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.vitalake.core.consent.ConsentStore;
import org.vitalake.core.profile.ProfileStore;
import org.vitalake.identity.erasure.ErasureRequestStore;
import org.vitalake.identity.erasure.iceberg.IcebergErasureRequestStore;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseProperties;
import org.vitalake.lakehouse.TableAppender;
import org.vitalake.lakehouse.consent.IcebergConsentStore;
import org.vitalake.lakehouse.profile.IcebergProfileStore;

/**
 * Wires the Iceberg adapters of the ports identity writes to. Created on first use (the outbox's
 * first publish), not at start, so identity serves logins while the object store is down.
 */
@Factory
public class LakehouseFactory {

  /** The {@code VITALAKE_*} variables shared by every service. */
  @Singleton
  LakehouseProperties lakehouseProperties() {
    return LakehouseProperties.fromEnvironment();
  }

  @Singleton
  @Bean(preDestroy = "close")
  Lakehouse lakehouse(LakehouseProperties properties) {
    Lakehouse lakehouse = Lakehouse.open(properties);
    lakehouse.ensureTables();
    return lakehouse;
  }

  @Singleton
  ProfileStore profileStore(Lakehouse lakehouse) {
    return new IcebergProfileStore(lakehouse);
  }

  @Singleton
  ConsentStore consentStore(Lakehouse lakehouse) {
    return new IcebergConsentStore(lakehouse);
  }

  @Singleton
  ErasureRequestStore erasureRequestStore(Lakehouse lakehouse) {
    return new IcebergErasureRequestStore(new TableAppender(lakehouse));
  }
}
