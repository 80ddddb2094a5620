package org.vitalake.serving.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseProperties;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableScanner;
import org.vitalake.lakehouse.local.LocalLakehouse;

/** A view over a table that does not exist yet, on a real catalog without tables. */
class SnapshotCacheIT {

  private static Lakehouse withoutTables;

  @BeforeAll
  static void openCatalogWithoutTables() {
    Map<String, String> env = new HashMap<>(LocalLakehouse.shared().properties().toEnvironment());
    env.put(LakehouseProperties.ENV_CATALOG_NAME, "catalog_without_tables");
    withoutTables = Lakehouse.open(LakehouseProperties.fromMap(env));
  }

  @AfterAll
  static void close() {
    withoutTables.close();
  }

  private static SnapshotCache<List<String>> cache(boolean missingIsEmpty) {
    return new SnapshotCache<>(
        withoutTables,
        new TableScanner(withoutTables),
        LakehouseTables.USER_CONSENTS.id(),
        rows -> List.of("rows: " + rows.size()),
        List.of(),
        missingIsEmpty);
  }

  @Test
  void aMissingTableLoadsAsEmptyWhenThatMeansNothingYet() {
    SnapshotCache<List<String>> cache = cache(true);

    assertThat(cache.refresh()).isTrue();
    assertThat(cache.loaded()).isTrue();
    assertThat(cache.value()).isEmpty();
    assertThat(cache.snapshotId()).isEmpty();
    assertThat(cache.refresh()).as("nothing new on the next refresh").isFalse();
  }

  @Test
  void otherwiseAMissingTableFailsTheRefreshAndNothingCountsAsLoaded() {
    SnapshotCache<List<String>> cache = cache(false);

    assertThatThrownBy(cache::refresh).isInstanceOf(NoSuchTableException.class);
    assertThat(cache.loaded()).isFalse();
  }
}
