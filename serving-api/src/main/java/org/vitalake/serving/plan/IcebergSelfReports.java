package org.vitalake.serving.plan;

import jakarta.inject.Singleton;
import java.time.LocalDate;
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

/**
 * Self-reported readiness (0-10) per user and day from {@code silver.wellness}: the readiness
 * model's reference point when the plan is recomputed in the morning.
 */
@Singleton
public class IcebergSelfReports extends TableView<Map<UserId, NavigableMap<LocalDate, Double>>> {

  public IcebergSelfReports(Lakehouse lakehouse, TableScanner scanner) {
    super(
        new SnapshotCache<>(
            lakehouse,
            scanner,
            LakehouseTables.WELLNESS.id(),
            IcebergSelfReports::byUser,
            Map.of()));
  }

  /** The user's self-reported readiness by date. */
  public NavigableMap<LocalDate, Double> find(UserId userId) {
    NavigableMap<LocalDate, Double> days = value().get(userId);
    return days == null ? Collections.emptyNavigableMap() : days;
  }

  static Map<UserId, NavigableMap<LocalDate, Double>> byUser(List<Record> rows) {
    Map<UserId, NavigableMap<LocalDate, Double>> byUser = new HashMap<>();
    for (Record row : rows) {
      String user = (String) row.getField("user_id");
      LocalDate date = (LocalDate) row.getField("local_date");
      Double readiness = (Double) row.getField("readiness");
      if (user == null || date == null || readiness == null || readiness < 0 || readiness > 10) {
        continue;
      }
      try {
        byUser.computeIfAbsent(UserId.of(user), u -> new TreeMap<>()).put(date, readiness);
      } catch (IllegalArgumentException e) {
        // not a valid user id: nobody can ask for it
      }
    }
    Map<UserId, NavigableMap<LocalDate, Double>> frozen = new HashMap<>();
    byUser.forEach((u, d) -> frozen.put(u, Collections.unmodifiableNavigableMap(d)));
    return Map.copyOf(frozen);
  }
}
