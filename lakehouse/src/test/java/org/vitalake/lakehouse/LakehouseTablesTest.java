package org.vitalake.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class LakehouseTablesTest {

  @Test
  void definesFifteenTablesInThreeNamespaces() {
    assertThat(LakehouseTables.ALL).hasSize(17);
    assertThat(LakehouseTables.ALL.stream().map(t -> t.id().namespace()).distinct())
        .containsExactlyElementsOf(LakehouseTables.NAMESPACES);
    assertThat(LakehouseTables.ALL.stream().map(TableDefinition::qualifiedName).distinct())
        .hasSize(LakehouseTables.ALL.size());
  }

  @Test
  void holdsNoNameOrEmailColumnAnywhere() {
    for (TableDefinition table : LakehouseTables.ALL) {
      Set<String> names = TypeUtil.indexByName(table.schema().asStruct()).keySet();
      assertThat(names)
          .as("columns of %s", table.id())
          .noneMatch(
              n ->
                  n.contains("email")
                      || n.contains("first_name")
                      || n.contains("last_name")
                      || n.equals("full_name")
                      || n.equals("user_name"));
    }
  }

  @Test
  void everyTableButTheCohortAggregateIsKeyedByThePseudonymousUserId() {
    for (TableDefinition table : LakehouseTables.ALL) {
      if (table == LakehouseTables.COHORT_WEEKLY) {
        // aggregates over users: no row belongs to one person
        assertThat(table.schema().findField("user_id")).as("user_id of %s", table.id()).isNull();
        continue;
      }
      assertThat(table.schema().findField("user_id")).as("user_id of %s", table.id()).isNotNull();
      assertThat(table.schema().findType("user_id")).isEqualTo(Types.StringType.get());
    }
  }

  @Test
  void storesEveryTimestampWithZone() {
    for (TableDefinition table : LakehouseTables.ALL) {
      for (Types.NestedField field : table.schema().columns()) {
        if (field.type().typeId() == Type.TypeID.TIMESTAMP) {
          assertThat(((Types.TimestampType) field.type()).shouldAdjustToUTC())
              .as("%s.%s is timestamptz", table.id(), field.name())
              .isTrue();
        }
      }
    }
  }

  @Test
  void partitionsBronzeEventsByReceivedDayAndSilverGoldByLocalDay() {
    assertThat(partitioning(LakehouseTables.WEARABLE_SAMPLES)).containsExactly("day(received_at)");
    assertThat(partitioning(LakehouseTables.JOURNAL_ENTRIES)).containsExactly("day(received_at)");
    assertThat(LakehouseTables.USER_PROFILES.spec().isUnpartitioned()).isTrue();
    assertThat(LakehouseTables.COACHING_PLANS.spec().fields()).hasSize(1);
    assertThat(partitioning(LakehouseTables.COACHING_PLANS)).containsExactly("identity(plan_date)");
    // one small table rewritten whole on each run: partitions would only add files
    assertThat(LakehouseTables.COHORT_WEEKLY.spec().isUnpartitioned()).isTrue();
    for (TableDefinition table : LakehouseTables.ALL) {
      if (!table.id().namespace().equals(LakehouseTables.BRONZE)
          && table != LakehouseTables.COACHING_PLANS
          && table != LakehouseTables.COHORT_WEEKLY) {
        assertThat(partitioning(table))
            .as("spec of %s", table.id())
            .containsExactly("identity(local_date)");
      }
    }
  }

  @Test
  void givesEveryFieldAUniqueIdNumberedTopLevelFirst() {
    for (TableDefinition table : LakehouseTables.ALL) {
      Schema schema = table.schema();
      Set<Integer> ids = new HashSet<>(TypeUtil.indexById(schema.asStruct()).keySet());
      int topLevel = schema.columns().size();
      // ids are 1..n without gaps, top-level columns first, as Iceberg assigns them on create
      assertThat(ids)
          .as("ids of %s", table.id())
          .hasSize(TypeUtil.indexById(schema.asStruct()).size());
      assertThat(schema.columns().stream().map(Types.NestedField::fieldId).toList())
          .as("top-level ids of %s", table.id())
          .isEqualTo(java.util.stream.IntStream.rangeClosed(1, topLevel).boxed().toList());
      assertThat(ids.stream().mapToInt(Integer::intValue).max().orElseThrow())
          .isEqualTo(ids.size());
    }
  }

  @Test
  void appliesTheCommonTableProperties() {
    for (TableDefinition table : LakehouseTables.ALL) {
      assertThat(table.properties())
          .containsEntry("format-version", "2")
          .containsEntry("write.parquet.compression-codec", "zstd")
          .containsEntry("commit.retry.num-retries", "20")
          .containsEntry("commit.retry.min-wait-ms", "50");
    }
  }

  @Test
  void findsDefinitionsByIdentifier() {
    assertThat(LakehouseTables.find(LakehouseTables.READINESS.id()))
        .contains(LakehouseTables.READINESS);
    assertThat(LakehouseTables.find(org.apache.iceberg.catalog.TableIdentifier.of("gold", "nope")))
        .isEmpty();
  }

  private static List<String> partitioning(TableDefinition table) {
    return table.spec().fields().stream()
        .map(f -> f.transform() + "(" + table.schema().findColumnName(f.sourceId()) + ")")
        .toList();
  }
}
