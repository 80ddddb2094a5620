package org.vitalake.lakehouse;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;

/** Bronze sample rows for tests, built directly as Iceberg records. */
final class TestRows {

  private TestRows() {}

  static Record sample(String userId, String ingestId, Instant receivedAt, int i) {
    Record r = GenericRecord.create(LakehouseTables.WEARABLE_SAMPLES.schema());
    Instant start = receivedAt.minusSeconds(60L * (i + 1));
    r.setField("ingest_id", ingestId);
    r.setField("received_at", utc(receivedAt));
    r.setField("user_id", userId);
    r.setField("source", "test-app");
    r.setField("device", "test-watch");
    r.setField("device_type", "watch");
    r.setField("metric", "heart_rate");
    r.setField("value", 50.0 + i);
    r.setField("unit", "bpm");
    r.setField("value_as_sent", 50.0 + i);
    r.setField("start_time", utc(start));
    r.setField("end_time", null);
    r.setField("zone_offset_seconds", 3600);
    r.setField("sample_key", userId + "/" + ingestId + "/" + i);
    r.setField("raw_ref", "s3://vitalake-raw/raw/" + ingestId + ".json");
    return r;
  }

  static List<Record> samples(String userId, String ingestId, Instant receivedAt, int count) {
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(sample(userId, ingestId, receivedAt, i));
    }
    return rows;
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
