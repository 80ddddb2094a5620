package org.vitalake.serving.realtime;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.data.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalake.core.id.UserId;
import org.vitalake.core.journal.EntryType;
import org.vitalake.core.metric.Metric;

/**
 * Maps rows of {@code bronze.wearable_samples} and {@code bronze.journal_entries} to the events the
 * near-real-time view counts; rows it cannot use are skipped with a debug line, never fatal.
 */
public final class BronzeRecords {

  private static final Logger LOG = LoggerFactory.getLogger(BronzeRecords.class);
  private static final Argument<Map<String, Object>> OBJECT =
      Argument.mapOf(String.class, Object.class);

  private final JsonMapper json;

  public BronzeRecords(JsonMapper json) {
    this.json = json;
  }

  /** The sample in a {@code bronze.wearable_samples} row, when it names a known metric. */
  public Optional<WearableEvent> wearable(Record row) {
    try {
      Metric metric = Metric.parse((String) row.getField("metric"));
      Object value = row.getField("value");
      if (!(value instanceof Number number)) {
        return Optional.empty();
      }
      return Optional.of(
          new WearableEvent(
              UserId.of((String) row.getField("user_id")),
              metric,
              number.doubleValue(),
              instant(row.getField("start_time")),
              instant(row.getField("end_time")),
              (Integer) row.getField("zone_offset_seconds"),
              (String) row.getField("source"),
              (String) row.getField("sample_key"),
              instant(row.getField("received_at"))));
    } catch (RuntimeException e) {
      LOG.debug("skipping wearable row {}: {}", row, e.getMessage());
      return Optional.empty();
    }
  }

  /** The meal in a {@code bronze.journal_entries} row, when it is one. */
  public Optional<MealEvent> meal(Record row) {
    try {
      if (EntryType.parse((String) row.getField("entry_type")) != EntryType.MEAL) {
        return Optional.empty();
      }
      Map<String, Object> content = json.readValue((String) row.getField("content"), OBJECT);
      return Optional.of(
          new MealEvent(
              UserId.of((String) row.getField("user_id")),
              (String) row.getField("entry_id"),
              instant(row.getField("occurred_at")),
              (Integer) row.getField("zone_offset_seconds"),
              number(content, "calories", "energy_kcal"),
              number(content, "protein_g", "protein"),
              instant(row.getField("received_at"))));
    } catch (IOException | RuntimeException e) {
      LOG.debug("skipping journal row {}: {}", row, e.getMessage());
      return Optional.empty();
    }
  }

  private static Double number(Map<String, Object> content, String name, String alias) {
    Object value = content.containsKey(name) ? content.get(name) : content.get(alias);
    return value instanceof Number n ? n.doubleValue() : null;
  }

  private static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (value instanceof Instant i) {
      return i;
    }
    throw new IllegalArgumentException("not a timestamp: " + value);
  }
}
