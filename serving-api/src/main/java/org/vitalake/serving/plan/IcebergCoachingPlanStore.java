package org.vitalake.serving.plan;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.iceberg.data.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalake.core.id.UserId;
import org.vitalake.core.plan.CoachingPlan;
import org.vitalake.core.plan.PlanJson;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableScanner;
import org.vitalake.serving.lakehouse.SnapshotCache;
import org.vitalake.serving.lakehouse.TableView;

/**
 * {@code gold.coaching_plans} in memory, decoded with core's plan codec, by user and plan date;
 * reloaded on each new snapshot. When a day has several rows the latest {@code created_at} wins.
 */
@Singleton
public class IcebergCoachingPlanStore
    extends TableView<Map<UserId, NavigableMap<LocalDate, StoredPlan>>> {

  private static final Logger LOG = LoggerFactory.getLogger(IcebergCoachingPlanStore.class);

  public IcebergCoachingPlanStore(Lakehouse lakehouse, TableScanner scanner) {
    super(
        new SnapshotCache<>(
            lakehouse,
            scanner,
            LakehouseTables.COACHING_PLANS.id(),
            IcebergCoachingPlanStore::byUser,
            Map.of()));
  }

  /** The user's plan of {@code date}, if the nightly run wrote one. */
  public Optional<StoredPlan> find(UserId userId, LocalDate date) {
    NavigableMap<LocalDate, StoredPlan> plans = value().get(userId);
    return plans == null ? Optional.empty() : Optional.ofNullable(plans.get(date));
  }

  /** The dates the user has plans for, ascending. */
  public NavigableSet<LocalDate> findDates(UserId userId) {
    NavigableMap<LocalDate, StoredPlan> plans = value().get(userId);
    return plans == null ? Collections.emptyNavigableSet() : new TreeSet<>(plans.keySet());
  }

  @SuppressWarnings("unchecked")
  static Map<UserId, NavigableMap<LocalDate, StoredPlan>> byUser(List<Record> rows) {
    Map<UserId, NavigableMap<LocalDate, StoredPlan>> byUser = new HashMap<>();
    int rejected = 0;
    String example = null;
    for (Record row : rows) {
      try {
        CoachingPlan plan = PlanJson.read((String) row.getField("plan_json"));
        OffsetDateTime created = (OffsetDateTime) row.getField("created_at");
        Instant createdAt = created == null ? plan.updatedAt() : created.toInstant();
        StoredPlan stored =
            new StoredPlan(
                plan,
                (String) row.getField("model_id"),
                (String) row.getField("model_version"),
                (List<Long>) row.getField("input_snapshot_ids"),
                createdAt);
        NavigableMap<LocalDate, StoredPlan> plans =
            byUser.computeIfAbsent(plan.userId(), u -> new TreeMap<>());
        StoredPlan seen = plans.get(plan.planDate());
        if (seen == null || createdAt.isAfter(seen.createdAt())) {
          plans.put(plan.planDate(), stored);
        }
      } catch (RuntimeException e) {
        rejected++;
        example = e.getMessage();
      }
    }
    if (rejected > 0) {
      LOG.warn(
          "skipped {} rows of gold.coaching_plans that do not decode, e.g. {}", rejected, example);
    }
    Map<UserId, NavigableMap<LocalDate, StoredPlan>> frozen = new HashMap<>();
    byUser.forEach((u, p) -> frozen.put(u, Collections.unmodifiableNavigableMap(p)));
    return Map.copyOf(frozen);
  }
}
