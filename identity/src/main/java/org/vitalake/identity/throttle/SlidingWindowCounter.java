package org.vitalake.identity.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts events per key (an email, a client address, a client id) in a sliding window and says how
 * long a key that has reached the limit must wait. Held in memory: a restart forgets the counts,
 * which only ever makes a limit laxer.
 *
 * <p>Memory is bounded twice: a key keeps at most {@code limit} timestamps, and at most {@link
 * #MAX_KEYS} keys are tracked. The owner calls {@link #evictExpired()} periodically to drop keys
 * whose events have all left the window.
 */
public final class SlidingWindowCounter {

  /**
   * Keys tracked at most. Reaching it takes that many distinct keys within one window, each paid
   * for with a request the server did real work for; a caller with that many addresses gets past
   * any per-address limit anyway, so new keys go uncounted (not refused) until eviction frees room.
   */
  public static final int MAX_KEYS = 100_000;

  private static final Logger LOG = LoggerFactory.getLogger(SlidingWindowCounter.class);

  private final String name;
  private final int maxKeys;
  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> events = new ConcurrentHashMap<>();
  private final AtomicBoolean fullReported = new AtomicBoolean();

  /**
   * @param name what is counted, for the log line when the key table is full
   * @param limit events a key may have within {@code window}
   * @param window how long an event counts
   */
  public SlidingWindowCounter(String name, int limit, Duration window, Clock clock) {
    this(name, limit, window, clock, MAX_KEYS);
  }

  SlidingWindowCounter(String name, int limit, Duration window, Clock clock, int maxKeys) {
    if (limit < 1) {
      throw new IllegalArgumentException(
          "limit of " + name + " must be at least 1 (was " + limit + ")");
    }
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException(
          "window of " + name + " must be a positive duration (was " + window + ")");
    }
    this.name = name;
    this.maxKeys = maxKeys;
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  public int limit() {
    return limit;
  }

  public Duration window() {
    return window;
  }

  /** How long {@code key} must wait before its next event, or empty when it may go ahead now. */
  public Optional<Duration> findWait(String key) {
    Instant now = clock.instant();
    Duration[] wait = {null};
    // computeIfPresent runs under the key's lock and drops the key once nothing is left in it.
    events.computeIfPresent(
        key,
        (k, times) -> {
          prune(times, now);
          wait[0] = waitAtLimit(times, now);
          return times.isEmpty() ? null : times;
        });
    return Optional.ofNullable(wait[0]);
  }

  /** Counts an event of {@code key}, whether or not the key had reached its limit. */
  public void record(String key) {
    Instant now = clock.instant();
    if (!events.containsKey(key) && full()) {
      return;
    }
    events.compute(
        key,
        (k, times) -> {
          Deque<Instant> counted = times != null ? times : new ArrayDeque<>();
          prune(counted, now);
          counted.addLast(now);
          // Older entries beyond the limit change nothing; keep memory per key bounded.
          while (counted.size() > limit) {
            counted.removeFirst();
          }
          return counted;
        });
  }

  /**
   * Counts an event of {@code key} unless the key has reached its limit, in one step, so that
   * concurrent requests cannot all pass the check before any of them is counted.
   *
   * @return empty when the event was counted and may go ahead; else how long the key must wait
   */
  public Optional<Duration> tryRecord(String key) {
    Instant now = clock.instant();
    if (!events.containsKey(key) && full()) {
      return Optional.empty();
    }
    Duration[] wait = {null};
    events.compute(
        key,
        (k, times) -> {
          Deque<Instant> counted = times != null ? times : new ArrayDeque<>();
          prune(counted, now);
          wait[0] = waitAtLimit(counted, now);
          if (wait[0] == null) {
            counted.addLast(now);
          }
          return counted.isEmpty() ? null : counted;
        });
    return Optional.ofNullable(wait[0]);
  }

  /** Forgets the events of {@code key}. */
  public void reset(String key) {
    events.remove(key);
  }

  /** Drops keys whose events have all left the window. */
  public void evictExpired() {
    Instant now = clock.instant();
    for (String key : events.keySet()) {
      events.computeIfPresent(
          key,
          (k, times) -> {
            prune(times, now);
            return times.isEmpty() ? null : times;
          });
    }
    fullReported.set(false);
  }

  /** Keys currently tracked. */
  int size() {
    return events.size();
  }

  private boolean full() {
    if (events.size() < maxKeys) {
      return false;
    }
    if (fullReported.compareAndSet(false, true)) {
      LOG.warn(
          "{}: {} keys tracked, the most kept; new keys go uncounted until older ones expire",
          name,
          maxKeys);
    }
    return true;
  }

  private Duration waitAtLimit(Deque<Instant> times, Instant now) {
    if (times.size() < limit) {
      return null;
    }
    return Duration.between(now, times.peekFirst().plus(window));
  }

  private void prune(Deque<Instant> times, Instant now) {
    Instant cutoff = now.minus(window);
    while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
      times.removeFirst();
    }
  }
}
