package org.vitalake.serving.summary;

import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.iceberg.data.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalake.core.daily.DailyMetrics;
import org.vitalake.core.daily.DailyMetricsStore;
import org.vitalake.core.id.UserId;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableScanner;
import org.vitalake.serving.lakehouse.SnapshotCache;
import org.vitalake.serving.lakehouse.TableView;

/** {@code gold.daily_metrics} in memory, by user and date, reloaded on each new snapshot. */
@Singleton
public class IcebergDailyMetricsStore
    extends TableView<Map<UserId, NavigableMap<LocalDate, DailyMetrics>>>
    implements DailyMetricsStore {

  private static final Logger LOG = LoggerFactory.getLogger(IcebergDailyMetricsStore.class);

  public IcebergDailyMetricsStore(Lakehouse lakehouse, TableScanner scanner) {
    super(
        new SnapshotCache<>(
            lakehouse,
            scanner,
            LakehouseTables.DAILY_METRICS.id(),
            IcebergDailyMetricsStore::byUser,
            Map.of()));
  }

  @Override
  public List<DailyMetrics> findByUser(UserId userId, LocalDate from, LocalDate toInclusive) {
    NavigableMap<LocalDate, DailyMetrics> days = value().get(userId);
    if (days == null) {
      return List.of();
    }
    return List.copyOf(days.subMap(from, true, toInclusive, true).values());
  }

  /** The user's latest day strictly before {@code date}. */
  public Optional<DailyMetrics> findBefore(UserId userId, LocalDate date) {
    NavigableMap<LocalDate, DailyMetrics> days = value().get(userId);
    return days == null
        ? Optional.empty()
        : Optional.ofNullable(days.lowerEntry(date)).map(Map.Entry::getValue);
  }

  /** The user's day {@code date}, if the nightly run produced it. */
  public Optional<DailyMetrics> find(UserId userId, LocalDate date) {
    NavigableMap<LocalDate, DailyMetrics> days = value().get(userId);
    return days == null ? Optional.empty() : Optional.ofNullable(days.get(date));
  }

  static Map<UserId, NavigableMap<LocalDate, DailyMetrics>> byUser(List<Record> rows) {
    Map<UserId, NavigableMap<LocalDate, DailyMetrics>> byUser = new HashMap<>();
    int rejected = 0;
    String example = null;
    for (Record row : rows) {
      try {
        DailyMetrics day = toDailyMetrics(row);
        byUser.computeIfAbsent(day.userId(), u -> new TreeMap<>()).put(day.localDate(), day);
      } catch (RuntimeException e) {
        rejected++;
        example = e.getMessage();
      }
    }
    if (rejected > 0) {
      LOG.warn(
          "skipped {} rows of gold.daily_metrics that fail validation, e.g. {}", rejected, example);
    }
    Map<UserId, NavigableMap<LocalDate, DailyMetrics>> frozen = new HashMap<>();
    byUser.forEach(
        (u, days) -> frozen.put(u, java.util.Collections.unmodifiableNavigableMap(days)));
    return Map.copyOf(frozen);
  }

  @SuppressWarnings("unchecked")
  static DailyMetrics toDailyMetrics(Record row) {
    return new DailyMetrics(
        UserId.of((String) row.getField("user_id")),
        (LocalDate) row.getField("local_date"),
        (Long) row.getField("steps"),
        (Double) row.getField("active_minutes"),
        (Double) row.getField("energy_out_kcal"),
        (Double) row.getField("resting_hr"),
        (Double) row.getField("hrv_rmssd_ms"),
        (Double) row.getField("sleep_minutes"),
        (Double) row.getField("sleep_efficiency"),
        (Double) row.getField("deep_sleep_minutes"),
        (Double) row.getField("rem_sleep_minutes"),
        (Double) row.getField("energy_in_kcal"),
        (Double) row.getField("protein_g"),
        (Double) row.getField("mood"),
        (Double) row.getField("coverage"),
        (List<String>) row.getField("sources"));
  }
}
