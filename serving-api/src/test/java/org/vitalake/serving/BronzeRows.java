package org.vitalake.serving;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.iceberg.data.Record;
import org.vitalake.core.id.EntryId;
import org.vitalake.core.id.IngestId;
import org.vitalake.core.id.UserId;
import org.vitalake.core.journal.EntryType;
import org.vitalake.core.journal.JournalContent;
import org.vitalake.core.journal.JournalEntry;
import org.vitalake.core.journal.RecordedJournalEntry;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.RecordedSample;
import org.vitalake.core.sample.Sample;
import org.vitalake.lakehouse.BronzeRecords;

/** Bronze rows built with the lakehouse's row mapping, exactly as ingest-api writes them. */
public final class BronzeRows {

  private BronzeRows() {}

  /** A wearable sample in the metric's canonical unit, received now. */
  public static Record sample(
      String userId,
      String metric,
      double value,
      Instant start,
      Instant end,
      Integer offsetSeconds,
      String source) {
    Sample sample =
        new Sample(
            UserId.of(userId),
            Metric.parse(metric),
            value,
            start,
            end,
            offsetSeconds == null ? null : ZoneOffset.ofTotalSeconds(offsetSeconds),
            source,
            "test-device",
            DeviceType.WATCH,
            null);
    return BronzeRecords.sample(new RecordedSample(sample, IngestId.random(), Instant.now(), null));
  }

  /** The same sample as a device would send it again: same natural key, a new ingest. */
  public static Record resent(Record sample) {
    RecordedSample again = BronzeRecords.parseSample(sample);
    return BronzeRecords.sample(
        new RecordedSample(again.sample(), IngestId.random(), Instant.now(), null));
  }

  /** A meal journal entry with its calories and protein, received now. */
  public static Record meal(
      String userId, Instant occurredAt, Integer offsetSeconds, double kcal, double proteinG) {
    JournalEntry entry =
        new JournalEntry(
            EntryId.random(),
            UserId.of(userId),
            EntryType.MEAL,
            occurredAt,
            offsetSeconds == null ? null : ZoneOffset.ofTotalSeconds(offsetSeconds),
            JournalContent.parse(
                EntryType.MEAL,
                Map.of("name", "test meal", "calories", kcal, "protein_g", proteinG)));
    return BronzeRecords.journal(
        new RecordedJournalEntry(entry, IngestId.random(), Instant.now(), null));
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
