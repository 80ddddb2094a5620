package org.vitalake.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vitalake.lakehouse.LakehouseProperties.CatalogKind;
import org.vitalake.lakehouse.local.LocalLakehouse;
import org.vitalake.lakehouse.local.PostgresServer;

/** The production catalog: Iceberg's JDBC catalog on a real PostgreSQL server. */
class PostgresCatalogIT {

  private static PostgresServer postgres;
  private static LakehouseProperties properties;

  @BeforeAll
  static void startPostgres() {
    postgres = PostgresServer.start();
    Map<String, String> env = new HashMap<>(LocalLakehouse.shared().properties().toEnvironment());
    env.put("VITALAKE_CATALOG_URI", postgres.createDatabase("iceberg"));
    env.put("VITALAKE_CATALOG_USER", postgres.user());
    env.put("VITALAKE_WAREHOUSE", "s3://pg-warehouse/warehouse");
    properties = LakehouseProperties.fromMap(env);
  }

  @AfterAll
  static void stopPostgres() {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void createsTablesAppendsAndReadsBackThroughAPostgresqlCatalog() {
    // given
    assertThat(properties.catalogKind()).isEqualTo(CatalogKind.POSTGRESQL);
    Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<Record> rows = TestRows.samples("u-pg", "ingest-pg", receivedAt, 6);
    long snapshot;
    try (Lakehouse writer = Lakehouse.open(properties)) {
      writer.ensureBuckets();
      assertThat(writer.ensureTables().createdTables()).hasSize(LakehouseTables.ALL.size());

      // when
      snapshot = new TableAppender(writer).append(LakehouseTables.WEARABLE_SAMPLES, rows);
    }

    // then: a separately opened catalog sees the tables and the rows
    try (Lakehouse reader = Lakehouse.open(properties)) {
      assertThat(reader.ensureTables().changedNothing()).isTrue();
      TableScanner scanner = new TableScanner(reader);
      assertThat(scanner.status(LakehouseTables.WEARABLE_SAMPLES.id()).snapshotId())
          .isEqualTo(snapshot);
      assertThat(
              scanner.scan(
                  LakehouseTables.WEARABLE_SAMPLES.id(), Expressions.equal("user_id", "u-pg")))
          .hasSize(rows.size());
    }
  }
}
