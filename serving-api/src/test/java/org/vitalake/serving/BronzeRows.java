package org.vitalake.serving;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.vitalake.lakehouse.LakehouseTables;

/** Bronze rows shaped as ingest-api writes them, for the tests to append. */
public final class BronzeRows {

  private BronzeRows() {}

  /** A wearable sample in the metric's canonical unit. */
  public static Record sample(
      String userId,
      String metric,
      double value,
      Instant start,
      Instant end,
      Integer offsetSeconds,
      String source) {
    Record r = GenericRecord.create(LakehouseTables.WEARABLE_SAMPLES.schema());
    String key = UUID.randomUUID().toString().replace("-", "");
    r.setField("ingest_id", UUID.randomUUID().toString());
    r.setField("received_at", utc(Instant.now()));
    r.setField("user_id", userId);
    r.setField("source", source);
    r.setField("device", "test-device");
    r.setField("device_type", "watch");
    r.setField("metric", metric);
    r.setField("value", value);
    r.setField("unit", null);
    r.setField("value_as_sent", value);
    r.setField("start_time", utc(start));
    r.setField("end_time", end == null ? null : utc(end));
    r.setField("zone_offset_seconds", offsetSeconds);
    r.setField("sample_key", key);
    r.setField("raw_ref", null);
    return r;
  }

  /** A copy of {@code sample} as a device would send it again: same natural key. */
  public static Record resent(Record sample) {
    Record copy = sample.copy();
    copy.setField("ingest_id", UUID.randomUUID().toString());
    copy.setField("received_at", utc(Instant.now()));
    return copy;
  }

  /** A meal journal entry with its calories and protein. */
  public static Record meal(
      String userId, Instant occurredAt, Integer offsetSeconds, double kcal, double proteinG) {
    Record r = GenericRecord.create(LakehouseTables.JOURNAL_ENTRIES.schema());
    r.setField("entry_id", UUID.randomUUID().toString());
    r.setField("ingest_id", UUID.randomUUID().toString());
    r.setField("user_id", userId);
    r.setField("entry_type", "meal");
    r.setField("occurred_at", utc(occurredAt));
    r.setField("zone_offset_seconds", offsetSeconds);
    r.setField(
        "content",
        "{\"name\":\"test meal\",\"calories\":" + kcal + ",\"protein_g\":" + proteinG + "}");
    r.setField("received_at", utc(Instant.now()));
    r.setField("raw_ref", null);
    return r;
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
