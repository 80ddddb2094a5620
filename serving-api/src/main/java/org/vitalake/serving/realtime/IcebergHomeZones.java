package org.vitalake.serving.realtime;

import jakarta.inject.Singleton;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.iceberg.data.Record;
import org.vitalake.core.id.UserId;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableScanner;
import org.vitalake.serving.lakehouse.RefreshableView;
import org.vitalake.serving.lakehouse.SnapshotCache;

/**
 * Each user's home time zone from the latest profile snapshot in {@code bronze.user_profiles}; the
 * day of a sample without an offset, and the user's "today", are reckoned in it.
 */
@Singleton
public class IcebergHomeZones implements RefreshableView, Function<UserId, Optional<ZoneId>> {

  private final SnapshotCache<Map<UserId, ZoneId>> cache;

  public IcebergHomeZones(Lakehouse lakehouse, TableScanner scanner) {
    this.cache =
        new SnapshotCache<>(
            lakehouse,
            scanner,
            LakehouseTables.USER_PROFILES.id(),
            IcebergHomeZones::latestZones,
            Map.of());
  }

  @Override
  public Optional<ZoneId> apply(UserId userId) {
    return Optional.ofNullable(cache.value().get(userId));
  }

  @Override
  public String name() {
    return cache.name();
  }

  @Override
  public boolean refresh() {
    return cache.refresh();
  }

  @Override
  public Optional<Long> snapshotId() {
    return cache.snapshotId();
  }

  @Override
  public boolean loaded() {
    return cache.loaded();
  }

  static Map<UserId, ZoneId> latestZones(List<Record> rows) {
    Map<UserId, Instant> updated = new HashMap<>();
    Map<UserId, ZoneId> zones = new HashMap<>();
    for (Record row : rows) {
      try {
        UserId user = UserId.of((String) row.getField("user_id"));
        Instant at = ((OffsetDateTime) row.getField("updated_at")).toInstant();
        Instant seen = updated.get(user);
        if (seen != null && !at.isAfter(seen)) {
          continue;
        }
        updated.put(user, at);
        String zone = (String) row.getField("time_zone");
        if (zone == null || zone.isBlank()) {
          zones.remove(user);
        } else {
          zones.put(user, ZoneId.of(zone));
        }
      } catch (DateTimeException | IllegalArgumentException | ClassCastException e) {
        // a malformed profile row leaves the user on sample offsets or UTC
      }
    }
    return Map.copyOf(zones);
  }
}
