package org.vitalake.serving.realtime;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;

/**
 * Each user's running totals for the last few local days, in bounded memory.
 *
 * <p>A sample counts for the local day of its own offset, else of the user's home time zone, else
 * UTC; sleep counts for the day the user woke up. Only days near the present are kept (historical
 * imports are the nightly run's business): at most {@code maxDaysPerUser} days per user and {@code
 * maxUsers} users, the users updated least recently being dropped first. Reads never block writes
 * for long: readers see immutable {@link DayTotals}, published by every {@code add}, or for a run
 * of {@code accumulate} calls once per user by {@link #publishPending()}.
 */
public final class TodayAggregates {

  /**
   * A sleep stage is a fragment of a night: one that ends after 18:00 local time belongs to the
   * night before the next day. A whole session counts on the day it ends, as in the nightly
   * pipeline, so a nap or a night shift lands on the same day in both places.
   */
  static final Duration SLEEP_STAGE_DAY_SHIFT = Duration.ofHours(6);

  private final int maxUsers;
  private final int maxDaysPerUser;
  private final int maxKeysPerDay;
  private final Function<UserId, Optional<ZoneId>> homeZones;
  private final Map<UserId, UserDays> users = new ConcurrentHashMap<>();
  private final Set<UserDays> pending = ConcurrentHashMap.newKeySet();

  /**
   * @param homeZones the user's home time zone from their profile, when known
   */
  public TodayAggregates(
      int maxUsers,
      int maxDaysPerUser,
      int maxKeysPerDay,
      Function<UserId, Optional<ZoneId>> homeZones) {
    if (maxUsers < 1 || maxDaysPerUser < 1 || maxKeysPerDay < 0) {
      throw new IllegalArgumentException(
          "maxUsers and maxDaysPerUser must be at least 1 and maxKeysPerDay at least 0, got "
              + maxUsers
              + ", "
              + maxDaysPerUser
              + ", "
              + maxKeysPerDay);
    }
    this.maxUsers = maxUsers;
    this.maxDaysPerUser = maxDaysPerUser;
    this.maxKeysPerDay = maxKeysPerDay;
    this.homeZones = homeZones;
  }

  /**
   * Adds a wearable sample to the day it belongs to and publishes the user's totals (with those of
   * any user still waiting from {@code accumulate}).
   *
   * @param now the present, to ignore samples of days long gone (historical imports)
   * @return whether the sample was for a day that is kept
   */
  public boolean add(WearableEvent event, Instant now) {
    boolean kept = accumulate(event, now);
    publishPending();
    return kept;
  }

  /**
   * Adds a meal to the day it was eaten and publishes the totals, as {@link #add(WearableEvent,
   * Instant)}.
   */
  public boolean add(MealEvent event, Instant now) {
    boolean kept = accumulate(event, now);
    publishPending();
    return kept;
  }

  /**
   * {@link #add(WearableEvent, Instant)} without publishing: readers see the sample once {@link
   * #publishPending()} runs. Recomputing a user's totals for every sample of a large batch cost
   * more than reading the sample, so a batch is accumulated first and published once per user.
   */
  public boolean accumulate(WearableEvent event, Instant now) {
    Instant dayInstant = event.start();
    if (isSleep(event) && event.end() != null) {
      dayInstant =
          event.metric() == Metric.SLEEP_STAGE
              ? event.end().plus(SLEEP_STAGE_DAY_SHIFT)
              : event.end();
    }
    ZoneOffset offset = offsetOf(event.userId(), event.zoneOffsetSeconds(), dayInstant);
    LocalDate day = dayInstant.atOffset(offset).toLocalDate();
    if (!isRecent(day, now)) {
      return false;
    }
    UserDays days = user(event.userId());
    days.update(day, event.zoneOffsetSeconds(), acc -> acc.add(event));
    pending.add(days);
    evictIfFull();
    return true;
  }

  /**
   * {@link #add(MealEvent, Instant)} without publishing, see {@link #accumulate(WearableEvent,
   * Instant)}.
   */
  public boolean accumulate(MealEvent event, Instant now) {
    ZoneOffset offset = offsetOf(event.userId(), event.zoneOffsetSeconds(), event.occurredAt());
    LocalDate day = event.occurredAt().atOffset(offset).toLocalDate();
    if (!isRecent(day, now)) {
      return false;
    }
    UserDays days = user(event.userId());
    days.update(day, event.zoneOffsetSeconds(), acc -> acc.add(event));
    pending.add(days);
    evictIfFull();
    return true;
  }

  /** Publishes the totals of every user changed by {@code accumulate} since the last call. */
  public void publishPending() {
    for (var it = pending.iterator(); it.hasNext(); ) {
      UserDays days = it.next();
      it.remove();
      days.publishIfChanged();
    }
  }

  /** The user's totals for {@code date}; empty when nothing for that day has arrived. */
  public Optional<DayTotals> find(UserId userId, LocalDate date) {
    UserDays days = users.get(userId);
    return days == null ? Optional.empty() : days.find(date);
  }

  /**
   * The zone in which "today" is reckoned for the user: the home time zone of their profile, else
   * the offset of their latest sample with one, else UTC.
   */
  public ZoneId zoneOf(UserId userId) {
    Optional<ZoneId> home = homeZones.apply(userId);
    if (home.isPresent()) {
      return home.get();
    }
    UserDays days = users.get(userId);
    if (days != null && days.lastOffsetSeconds() != null) {
      return ZoneOffset.ofTotalSeconds(days.lastOffsetSeconds());
    }
    return ZoneOffset.UTC;
  }

  /** The user's current local date, see {@link #zoneOf(UserId)}. */
  public LocalDate todayOf(UserId userId, Instant now) {
    return now.atZone(zoneOf(userId)).toLocalDate();
  }

  /** Number of users held. */
  public int userCount() {
    return users.size();
  }

  /** Drops everything, e.g. before rebuilding from bronze. */
  public void clear() {
    users.clear();
    pending.clear();
  }

  /** Drops days that can no longer be anyone's today or yesterday. */
  public void dropStaleDays(Instant now) {
    LocalDate oldest = oldestKept(now);
    users.values().removeIf(days -> days.dropBefore(oldest));
  }

  private UserDays user(UserId userId) {
    return users.computeIfAbsent(userId, id -> new UserDays(id, maxDaysPerUser, maxKeysPerDay));
  }

  private ZoneOffset offsetOf(UserId userId, Integer offsetSeconds, Instant at) {
    if (offsetSeconds != null) {
      return ZoneOffset.ofTotalSeconds(offsetSeconds);
    }
    return homeZones.apply(userId).map(z -> z.getRules().getOffset(at)).orElse(ZoneOffset.UTC);
  }

  private static boolean isSleep(WearableEvent e) {
    return switch (e.metric()) {
      case SLEEP_SESSION, SLEEP_STAGE -> true;
      default -> false;
    };
  }

  /** Time zones span UTC-12 to UTC+14, so someone's "yesterday" can be two UTC dates back. */
  private static boolean isRecent(LocalDate day, Instant now) {
    LocalDate utcToday = now.atOffset(ZoneOffset.UTC).toLocalDate();
    return !day.isBefore(oldestKept(now)) && !day.isAfter(utcToday.plusDays(1));
  }

  private static LocalDate oldestKept(Instant now) {
    return now.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(2);
  }

  private void evictIfFull() {
    int excess = users.size() - maxUsers;
    if (excess <= 0) {
      return;
    }
    // evict a slice at once so a full store does not sort on every sample
    int toEvict = Math.max(excess, maxUsers / 20);
    List<UserDays> byAge = new ArrayList<>(users.values());
    byAge.sort(Comparator.comparingLong(UserDays::lastUpdatedNanos));
    for (int i = 0; i < toEvict && i < byAge.size(); i++) {
      users.remove(byAge.get(i).userId(), byAge.get(i));
    }
  }

  /** One user's kept days; updates are serialised per user, reads see published totals. */
  static final class UserDays {
    private final UserId userId;
    private final int maxDays;
    private final int maxKeys;
    private final TreeMap<LocalDate, DayAccumulator> days = new TreeMap<>();
    private volatile Map<LocalDate, DayTotals> published = Map.of();
    private volatile Integer lastOffsetSeconds;
    private volatile long lastUpdatedNanos = System.nanoTime();
    private boolean changed;

    UserDays(UserId userId, int maxDays, int maxKeys) {
      this.userId = userId;
      this.maxDays = maxDays;
      this.maxKeys = maxKeys;
    }

    synchronized void update(
        LocalDate day, Integer offsetSeconds, java.util.function.Consumer<DayAccumulator> change) {
      if (days.size() >= maxDays && !days.containsKey(day) && day.isBefore(days.firstKey())) {
        return; // older than every day kept
      }
      DayAccumulator acc = days.computeIfAbsent(day, d -> new DayAccumulator(userId, d, maxKeys));
      change.accept(acc);
      while (days.size() > maxDays) {
        days.pollFirstEntry();
      }
      if (offsetSeconds != null) {
        lastOffsetSeconds = offsetSeconds;
      }
      lastUpdatedNanos = System.nanoTime();
      changed = true;
    }

    synchronized void publishIfChanged() {
      if (changed) {
        publish();
      }
    }

    synchronized boolean dropBefore(LocalDate oldest) {
      days.headMap(oldest, false).clear();
      publish();
      return days.isEmpty();
    }

    Optional<DayTotals> find(LocalDate date) {
      return Optional.ofNullable(published.get(date));
    }

    UserId userId() {
      return userId;
    }

    Integer lastOffsetSeconds() {
      return lastOffsetSeconds;
    }

    long lastUpdatedNanos() {
      return lastUpdatedNanos;
    }

    private void publish() {
      changed = false;
      Map<LocalDate, DayTotals> view = new TreeMap<>();
      days.forEach((d, acc) -> view.put(d, acc.totals()));
      published = Map.copyOf(view);
    }
  }
}
