package org.vitalake.identity.support;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;
import org.vitalake.identity.lakehouse.LakehouseFactory;
import org.vitalake.lakehouse.LakehouseProperties;

/**
 * Points the service's real Iceberg adapters at the {@link SharedLakehouse} instead of the
 * environment: only the coordinates are replaced, never the adapters.
 */
@Factory
public class SharedLakehouseFactory {

  @Singleton
  @Replaces(bean = LakehouseProperties.class, factory = LakehouseFactory.class)
  LakehouseProperties sharedLakehouseProperties() {
    return SharedLakehouse.get().properties();
  }
}
