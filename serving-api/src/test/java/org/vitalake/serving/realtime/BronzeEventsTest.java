package org.vitalake.serving.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.lakehouse.LakehouseTables;

class BronzeEventsTest {

  private static final Schema PROJECTED =
      LakehouseTables.WEARABLE_SAMPLES.schema().select(BronzeEvents.WEARABLE_COLUMNS);

  private static OffsetDateTime utc(String instant) {
    return Instant.parse(instant).atOffset(ZoneOffset.UTC);
  }

  @Test
  void readsAWearableEventFromARowHoldingOnlyTheSelectedColumns() {
    // given: a row as a scan selecting WEARABLE_COLUMNS returns it
    Record row = GenericRecord.create(PROJECTED);
    row.setField("user_id", "u-1");
    row.setField("metric", "steps");
    row.setField("value", 812.0);
    row.setField("start_time", utc("2026-11-21T08:00:00Z"));
    row.setField("end_time", utc("2026-11-21T08:10:00Z"));
    row.setField("zone_offset_seconds", 3600);
    row.setField("source", "watch-app");
    row.setField("sample_key", "k-1");
    row.setField("received_at", utc("2026-11-21T08:10:05Z"));

    // when
    WearableEvent event = BronzeEvents.wearable(row).orElseThrow();

    // then
    assertThat(event)
        .isEqualTo(
            new WearableEvent(
                UserId.of("u-1"),
                Metric.STEPS,
                812.0,
                Instant.parse("2026-11-21T08:00:00Z"),
                Instant.parse("2026-11-21T08:10:00Z"),
                3600,
                "watch-app",
                "k-1",
                Instant.parse("2026-11-21T08:10:05Z")));
  }

  @Test
  void skipsARowItCannotUse() {
    Record row = GenericRecord.create(PROJECTED);
    row.setField("user_id", "u-1");
    row.setField("metric", "no-such-metric");
    row.setField("value", 1.0);
    row.setField("start_time", utc("2026-11-21T08:00:00Z"));
    row.setField("received_at", utc("2026-11-21T08:10:05Z"));

    assertThat(BronzeEvents.wearable(row)).isEmpty();
  }
}
