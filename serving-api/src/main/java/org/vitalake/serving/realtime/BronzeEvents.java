package org.vitalake.serving.realtime;

import java.util.Optional;
import org.apache.iceberg.data.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalake.core.journal.MealContent;
import org.vitalake.core.journal.RecordedJournalEntry;
import org.vitalake.core.sample.RecordedSample;
import org.vitalake.core.sample.Sample;
import org.vitalake.lakehouse.BronzeRecords;

/**
 * Turns rows of {@code bronze.wearable_samples} and {@code bronze.journal_entries} into the events
 * the near-real-time view counts, through the lakehouse's own row mapping (the one ingest writes
 * with); rows it cannot use are skipped with a debug line, never fatal.
 */
public final class BronzeEvents {

  private static final Logger LOG = LoggerFactory.getLogger(BronzeEvents.class);

  private BronzeEvents() {}

  /** The sample in a {@code bronze.wearable_samples} row. */
  public static Optional<WearableEvent> wearable(Record row) {
    try {
      RecordedSample recorded = BronzeRecords.parseSample(row);
      Sample s = recorded.sample();
      String storedKey = (String) row.getField("sample_key");
      return Optional.of(
          new WearableEvent(
              s.userId(),
              s.metric(),
              s.value(),
              s.start(),
              s.end(),
              s.zoneOffset() == null ? null : s.zoneOffset().getTotalSeconds(),
              s.source(),
              storedKey != null ? storedKey : s.sampleKey(),
              recorded.receivedAt()));
    } catch (RuntimeException e) {
      LOG.debug("skipping wearable row {}: {}", row, e.getMessage());
      return Optional.empty();
    }
  }

  /** The meal in a {@code bronze.journal_entries} row, when it is one. */
  public static Optional<MealEvent> meal(Record row) {
    try {
      if (!"meal".equals(row.getField("entry_type"))) {
        return Optional.empty();
      }
      RecordedJournalEntry recorded = BronzeRecords.parseJournal(row);
      if (!(recorded.entry().content() instanceof MealContent meal)) {
        return Optional.empty();
      }
      return Optional.of(
          new MealEvent(
              recorded.entry().userId(),
              recorded.entry().entryId().value(),
              recorded.entry().occurredAt(),
              recorded.entry().zoneOffset() == null
                  ? null
                  : recorded.entry().zoneOffset().getTotalSeconds(),
              meal.calories(),
              meal.proteinG(),
              recorded.receivedAt()));
    } catch (RuntimeException e) {
      LOG.debug("skipping journal row {}: {}", row, e.getMessage());
      return Optional.empty();
    }
  }
}
