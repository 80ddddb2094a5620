package org.vitalake.lakehouse.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Evaluator;
import org.apache.iceberg.expressions.Expression;
import org.junit.jupiter.api.Test;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableDefinition;

class DayColumnTest {

  @Test
  void placesSilverAndGoldRowsOnTheirLocalDateAndBronzeRowsOnTheirMeasurementTime() {
    assertThat(dayColumn(LakehouseTables.DAILY_METRICS))
        .isEqualTo(new DayColumn("local_date", false, null));
    assertThat(dayColumn(LakehouseTables.SAMPLES))
        .isEqualTo(new DayColumn("local_date", false, null));
    assertThat(dayColumn(LakehouseTables.COACHING_PLANS))
        .isEqualTo(new DayColumn("plan_date", false, null));
    assertThat(dayColumn(LakehouseTables.WEARABLE_SAMPLES))
        .isEqualTo(new DayColumn("start_time", true, "zone_offset_seconds"));
    assertThat(dayColumn(LakehouseTables.JOURNAL_ENTRIES))
        .isEqualTo(new DayColumn("occurred_at", true, "zone_offset_seconds"));
    assertThat(dayColumn(LakehouseTables.USER_PROFILES))
        .isEqualTo(new DayColumn("updated_at", true, null));
    assertThat(dayColumn(LakehouseTables.ERASURE_REQUESTS))
        .isEqualTo(new DayColumn("requested_at", true, null));
  }

  @Test
  void everyPersonalTableHasADayColumn() {
    for (TableDefinition table : ExportRequest.personalTables()) {
      assertThat(DayColumn.find(table.schema())).as("%s", table.id()).isPresent();
    }
  }

  @Test
  void aSampleBelongsToTheLocalDayOfTheOffsetItWasRecordedIn() {
    // given: 23:30 UTC on 1 March
    DayColumn column = dayColumn(LakehouseTables.WEARABLE_SAMPLES);
    OffsetDateTime start = OffsetDateTime.of(2024, 3, 1, 23, 30, 0, 0, ZoneOffset.UTC);

    // then
    assertThat(column.dayOf(sample(start, 3600))).isEqualTo(LocalDate.of(2024, 3, 2));
    assertThat(column.dayOf(sample(start, -3600))).isEqualTo(LocalDate.of(2024, 3, 1));
    assertThat(column.dayOf(sample(start, null))).isEqualTo(LocalDate.of(2024, 3, 1));
    assertThat(column.dayOf(sample(start.minusHours(13), 14 * 3600)))
        .isEqualTo(LocalDate.of(2024, 3, 2));
  }

  @Test
  void theTimestampScanFilterKeepsEveryRowWhoseLocalDayIsInTheRange() {
    // given
    DayColumn column = dayColumn(LakehouseTables.WEARABLE_SAMPLES);
    DayRange range = new DayRange(LocalDate.of(2024, 3, 2), LocalDate.of(2024, 3, 2));
    Expression filter = column.filter(range);
    Evaluator evaluator =
        new Evaluator(LakehouseTables.WEARABLE_SAMPLES.schema().asStruct(), filter);
    InternalRecordWrapper wrapper =
        new InternalRecordWrapper(LakehouseTables.WEARABLE_SAMPLES.schema().asStruct());
    // 2 March at +14:00 begins at 10:00 UTC on 1 March; 2 March at -12:00 ends at 12:00 UTC on 3
    // March
    Record earliest = sample(OffsetDateTime.parse("2024-03-01T10:00:00Z"), 14 * 3600);
    Record latest = sample(OffsetDateTime.parse("2024-03-03T11:59:59Z"), -12 * 3600);
    Record dayBefore = sample(OffsetDateTime.parse("2024-03-01T09:59:59Z"), 14 * 3600);

    // then
    assertThat(column.dayOf(earliest)).isEqualTo(range.from());
    assertThat(column.dayOf(latest)).isEqualTo(range.to());
    assertThat(evaluator.eval(wrapper.wrap(earliest))).isTrue();
    assertThat(evaluator.eval(wrapper.wrap(latest))).isTrue();
    assertThat(range.contains(column.dayOf(dayBefore))).isFalse();
  }

  @Test
  void theDateScanFilterIsExactAndInclusive() {
    // given
    DayColumn column = dayColumn(LakehouseTables.DAILY_METRICS);
    DayRange range = new DayRange(LocalDate.of(2024, 3, 2), LocalDate.of(2024, 3, 4));
    Evaluator evaluator =
        new Evaluator(LakehouseTables.DAILY_METRICS.schema().asStruct(), column.filter(range));
    InternalRecordWrapper wrapper =
        new InternalRecordWrapper(LakehouseTables.DAILY_METRICS.schema().asStruct());

    // then
    for (int day = 1; day <= 5; day++) {
      Record row = GenericRecord.create(LakehouseTables.DAILY_METRICS.schema());
      row.setField("local_date", LocalDate.of(2024, 3, day));
      assertThat(evaluator.eval(wrapper.wrap(row)))
          .as("day %d", day)
          .isEqualTo(day >= 2 && day <= 4);
    }
    Record undated = GenericRecord.create(LakehouseTables.DAILY_METRICS.schema());
    assertThat(evaluator.eval(wrapper.wrap(undated))).isFalse();
    assertThat(range.contains(column.dayOf(undated))).isFalse();
  }

  private static DayColumn dayColumn(TableDefinition table) {
    return DayColumn.find(table.schema()).orElseThrow();
  }

  private static Record sample(OffsetDateTime start, Integer offsetSeconds) {
    Record r = GenericRecord.create(LakehouseTables.WEARABLE_SAMPLES.schema());
    r.setField("start_time", start);
    r.setField("zone_offset_seconds", offsetSeconds);
    return r;
  }
}
