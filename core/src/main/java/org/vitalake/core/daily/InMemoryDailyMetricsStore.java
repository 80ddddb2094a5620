package org.vitalake.core.daily;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import org.vitalake.core.id.UserId;

/**
 * Thread-safe {@link DailyMetricsStore} in memory; {@link #put} replaces a user's day, as the
 * nightly job overwrites the partitions it owns.
 */
public final class InMemoryDailyMetricsStore implements DailyMetricsStore {

  private final Map<UserId, NavigableMap<LocalDate, DailyMetrics>> byUser = new HashMap<>();

  /** Stores a day, replacing the user's previous row for that date. */
  public synchronized void put(DailyMetrics day) {
    Objects.requireNonNull(day, "day");
    byUser.computeIfAbsent(day.userId(), id -> new TreeMap<>()).put(day.localDate(), day);
  }

  /** Stores every day, replacing previous rows for the same user and date. */
  public synchronized void putAll(Collection<DailyMetrics> days) {
    List.copyOf(days).forEach(this::put);
  }

  @Override
  public synchronized List<DailyMetrics> findByUser(
      UserId userId, LocalDate from, LocalDate toInclusive) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(toInclusive, "toInclusive");
    NavigableMap<LocalDate, DailyMetrics> days = byUser.get(userId);
    if (days == null || from.isAfter(toInclusive)) {
      return List.of();
    }
    return List.copyOf(days.subMap(from, true, toInclusive, true).values());
  }
}
