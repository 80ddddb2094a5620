package org.vitalake.serving.realtime;

import java.util.List;
import java.util.Optional;
import org.apache.iceberg.data.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalake.core.id.UserId;
import org.vitalake.core.journal.MealContent;
import org.vitalake.core.journal.RecordedJournalEntry;
import org.vitalake.core.metric.Metric;
import org.vitalake.lakehouse.BronzeRecords;

/**
 * Turns rows of {@code bronze.wearable_samples} and {@code bronze.journal_entries} into the events
 * the near-real-time view counts, through the lakehouse's own row mapping (the one ingest writes
 * with); rows it cannot use are skipped with a debug line, never fatal.
 */
public final class BronzeEvents {

  private static final Logger LOG = LoggerFactory.getLogger(BronzeEvents.class);

  private BronzeEvents() {}

  /**
   * The columns of {@code bronze.wearable_samples} that {@link #wearable} reads: a scan that
   * selects only these skips the long per-request strings (ids, raw references) it would otherwise
   * decode for every row.
   */
  public static final List<String> WEARABLE_COLUMNS =
      List.of(
          "user_id",
          "metric",
          "value",
          "start_time",
          "end_time",
          "zone_offset_seconds",
          "source",
          "sample_key",
          "received_at");

  /**
   * The sample in a {@code bronze.wearable_samples} row holding at least {@link #WEARABLE_COLUMNS};
   * the value is already in the metric's canonical unit (ingest validated and converted it).
   */
  public static Optional<WearableEvent> wearable(Record row) {
    try {
      return Optional.of(
          new WearableEvent(
              UserId.of((String) row.getField("user_id")),
              Metric.parse((String) row.getField("metric")),
              (Double) row.getField("value"),
              BronzeRecords.instant(row.getField("start_time")),
              BronzeRecords.instant(row.getField("end_time")),
              (Integer) row.getField("zone_offset_seconds"),
              (String) row.getField("source"),
              (String) row.getField("sample_key"),
              BronzeRecords.instant(row.getField("received_at"))));
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
