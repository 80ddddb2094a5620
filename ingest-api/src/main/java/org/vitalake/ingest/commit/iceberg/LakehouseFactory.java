package org.vitalake.ingest.commit.iceberg;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vitalake.core.journal.RecordedJournalEntry;
import org.vitalake.core.profile.ProfileStore;
import org.vitalake.ingest.commit.BatchSink;
import org.vitalake.ingest.idempotency.IngestLedger;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseProperties;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.RawArchive;
import org.vitalake.lakehouse.StructRow;
import org.vitalake.lakehouse.TableAppender;
import org.vitalake.lakehouse.TableScanner;
import org.vitalake.lakehouse.profile.IcebergProfileStore;

/**
 * Opens the lakehouse the {@code VITALAKE_*} settings name (environment variables, or the same
 * names as configuration properties, e.g. {@code vitalake.s3.endpoint}) and wires the bronze
 * adapters.
 */
@Factory
public class LakehouseFactory {

  private static final List<String> VARIABLES =
      List.of(
          LakehouseProperties.ENV_HOME,
          LakehouseProperties.ENV_CATALOG_NAME,
          LakehouseProperties.ENV_CATALOG_URI,
          LakehouseProperties.ENV_CATALOG_USER,
          LakehouseProperties.ENV_CATALOG_PASSWORD,
          LakehouseProperties.ENV_WAREHOUSE,
          LakehouseProperties.ENV_S3_ENDPOINT,
          LakehouseProperties.ENV_S3_REGION,
          LakehouseProperties.ENV_S3_ACCESS_KEY,
          LakehouseProperties.ENV_S3_SECRET_KEY,
          LakehouseProperties.ENV_RAW_BUCKET);

  @Singleton
  LakehouseProperties lakehouseProperties(Environment environment) {
    Map<String, String> settings = new HashMap<>(System.getenv());
    for (String variable : VARIABLES) {
      String property = variable.toLowerCase(Locale.ROOT).replace('_', '.');
      environment.getProperty(property, String.class).ifPresent(v -> settings.put(variable, v));
    }
    return LakehouseProperties.fromMap(settings);
  }

  /**
   * The catalog; the bronze tables this service writes or reads and the raw bucket are created when
   * missing ({@code user_profiles} is identity's, read for imports' time zones: created here too,
   * so that an import before identity's first profile finds the table, empty).
   */
  @Singleton
  @Bean(preDestroy = "close")
  Lakehouse lakehouse(LakehouseProperties properties) {
    Lakehouse lakehouse = Lakehouse.open(properties);
    lakehouse.ensureBuckets();
    lakehouse.ensureTables(
        List.of(
            LakehouseTables.WEARABLE_SAMPLES,
            LakehouseTables.JOURNAL_ENTRIES,
            LakehouseTables.USER_PROFILES));
    return lakehouse;
  }

  @Singleton
  @Bean(preDestroy = "close")
  RawArchive rawArchive(LakehouseProperties properties) {
    return new RawArchive(properties);
  }

  @Singleton
  TableAppender tableAppender(Lakehouse lakehouse) {
    return new TableAppender(lakehouse);
  }

  @Singleton
  TableScanner tableScanner(Lakehouse lakehouse) {
    return new TableScanner(lakehouse);
  }

  @Singleton
  @Named("wearable_samples")
  BatchSink<StructRow> sampleSink(Lakehouse lakehouse, TableAppender appender) {
    return new IcebergSampleSink(lakehouse, appender);
  }

  @Singleton
  @Named("journal_entries")
  BatchSink<RecordedJournalEntry> journalSink(TableAppender appender) {
    return new IcebergJournalSink(appender);
  }

  /** The profiles identity publishes, read for the time zone of imports. */
  @Singleton
  ProfileStore profileStore(Lakehouse lakehouse) {
    return new IcebergProfileStore(lakehouse);
  }

  @Singleton
  IngestLedger ingestLedger(TableScanner scanner) {
    return new IcebergIngestLedger(scanner);
  }
}
