package org.vitalake.serving.readiness;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.iceberg.data.Record;
import org.vitalake.core.id.UserId;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableScanner;
import org.vitalake.serving.lakehouse.SnapshotCache;
import org.vitalake.serving.lakehouse.TableView;

/** {@code gold.readiness} in memory, by user and date, reloaded on each new snapshot. */
@Singleton
public class IcebergReadinessStore
    extends TableView<Map<UserId, NavigableMap<LocalDate, ReadinessDay>>> {

  public IcebergReadinessStore(Lakehouse lakehouse, TableScanner scanner, JsonMapper json) {
    super(
        new SnapshotCache<>(
            lakehouse,
            scanner,
            LakehouseTables.READINESS.id(),
            rows -> byUser(rows, json),
            Map.of()));
  }

  /** The user's days from {@code from} to {@code to}, both inclusive. */
  public List<ReadinessDay> findByUser(UserId userId, LocalDate from, LocalDate to) {
    NavigableMap<LocalDate, ReadinessDay> days = value().get(userId);
    return days == null ? List.of() : List.copyOf(days.subMap(from, true, to, true).values());
  }

  private static Map<UserId, NavigableMap<LocalDate, ReadinessDay>> byUser(
      List<Record> rows, JsonMapper json) {
    Map<UserId, NavigableMap<LocalDate, ReadinessDay>> byUser = new HashMap<>();
    for (Record row : rows) {
      String user = (String) row.getField("user_id");
      LocalDate date = (LocalDate) row.getField("local_date");
      if (user == null || date == null) {
        continue;
      }
      OffsetDateTime computed = (OffsetDateTime) row.getField("computed_at");
      ReadinessDay day =
          new ReadinessDay(
              date,
              (Integer) row.getField("score"),
              (String) row.getField("band"),
              parse((String) row.getField("contributors"), json),
              (String) row.getField("reason"),
              computed == null ? null : computed.toInstant());
      try {
        byUser.computeIfAbsent(UserId.of(user), u -> new TreeMap<>()).put(date, day);
      } catch (IllegalArgumentException e) {
        // not a valid user id: nobody can ask for it
      }
    }
    Map<UserId, NavigableMap<LocalDate, ReadinessDay>> frozen = new HashMap<>();
    byUser.forEach((u, days) -> frozen.put(u, Collections.unmodifiableNavigableMap(days)));
    return Map.copyOf(frozen);
  }

  private static Object parse(String contributors, JsonMapper json) {
    if (contributors == null || contributors.isBlank()) {
      return null;
    }
    try {
      return json.readValue(contributors, Object.class);
    } catch (IOException e) {
      return contributors; // shown as stored rather than dropped
    }
  }
}
