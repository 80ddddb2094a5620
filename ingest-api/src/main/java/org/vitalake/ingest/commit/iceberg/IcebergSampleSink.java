package org.vitalake.ingest.commit.iceberg;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.RecordedSample;
import org.vitalake.core.sample.Sample;
import org.vitalake.ingest.commit.BatchSink;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableAppender;

/** Appends recorded samples to {@code bronze.wearable_samples}, one Iceberg commit per batch. */
public final class IcebergSampleSink implements BatchSink<RecordedSample> {

  private static final Schema SCHEMA = LakehouseTables.WEARABLE_SAMPLES.schema();
  private static final GenericRecord TEMPLATE = GenericRecord.create(SCHEMA);
  private static final int INGEST_ID = position("ingest_id");
  private static final int RECEIVED_AT = position("received_at");
  private static final int USER_ID = position("user_id");
  private static final int SOURCE = position("source");
  private static final int DEVICE = position("device");
  private static final int DEVICE_TYPE = position("device_type");
  private static final int METRIC = position("metric");
  private static final int VALUE = position("value");
  private static final int UNIT = position("unit");
  private static final int VALUE_AS_SENT = position("value_as_sent");
  private static final int START_TIME = position("start_time");
  private static final int END_TIME = position("end_time");
  private static final int ZONE_OFFSET_SECONDS = position("zone_offset_seconds");
  private static final int SAMPLE_KEY = position("sample_key");
  private static final int RAW_REF = position("raw_ref");

  private final TableAppender appender;

  public IcebergSampleSink(TableAppender appender) {
    this.appender = appender;
  }

  @Override
  public void append(List<RecordedSample> items) {
    List<Record> rows = new ArrayList<>(items.size());
    for (RecordedSample item : items) {
      rows.add(toRecord(item));
    }
    appender.append(LakehouseTables.WEARABLE_SAMPLES, rows);
  }

  /** The bronze row of one recorded sample. */
  public static Record toRecord(RecordedSample recorded) {
    Sample s = recorded.sample();
    GenericRecord r = TEMPLATE.copy();
    r.set(INGEST_ID, recorded.ingestId().value());
    r.set(RECEIVED_AT, utc(recorded.receivedAt()));
    r.set(USER_ID, s.userId().value());
    r.set(SOURCE, s.source());
    r.set(DEVICE, s.device());
    r.set(DEVICE_TYPE, s.deviceType().code());
    r.set(METRIC, s.metric().code());
    r.set(VALUE, s.value());
    r.set(UNIT, s.unitAsSent());
    r.set(VALUE_AS_SENT, valueAsSent(s));
    r.set(START_TIME, utc(s.start()));
    r.set(END_TIME, s.end() == null ? null : utc(s.end()));
    r.set(ZONE_OFFSET_SECONDS, s.zoneOffset() == null ? null : s.zoneOffset().getTotalSeconds());
    r.set(SAMPLE_KEY, s.sampleKey());
    r.set(RAW_REF, recorded.rawRef());
    return r;
  }

  private static Double valueAsSent(Sample s) {
    if (s.unitAsSent() == null) {
      return null;
    }
    Metric metric = s.metric();
    try {
      return metric.fromCanonical(s.value(), metric.parseUnit(s.unitAsSent()));
    } catch (IllegalArgumentException e) {
      return null; // the unit was accepted on the way in; this only guards lineage
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static int position(String column) {
    List<org.apache.iceberg.types.Types.NestedField> columns = SCHEMA.columns();
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    throw new IllegalStateException("bronze.wearable_samples has no column " + column);
  }
}
