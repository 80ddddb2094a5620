package org.vitalake.identity.auth;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per key (an account's email, or a client address) in a sliding window. Held
 * in memory: a restart forgets the counts, which only ever makes the limit laxer.
 */
@Singleton
public class LoginThrottle {

  private final LoginThrottleProperties properties;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  public LoginThrottle(LoginThrottleProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  /** How long {@code key} must wait before its next attempt, or empty when it may try now. */
  public Optional<Duration> findWait(String key) {
    Deque<Instant> attempts = failures.get(key);
    if (attempts == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    synchronized (attempts) {
      prune(attempts, now);
      if (attempts.size() < properties.maxFailures()) {
        return Optional.empty();
      }
      Instant oldest = attempts.peekFirst();
      return Optional.of(Duration.between(now, oldest.plus(properties.window())));
    }
  }

  public void recordFailure(String key) {
    Instant now = clock.instant();
    Deque<Instant> attempts = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (attempts) {
      prune(attempts, now);
      attempts.addLast(now);
      // Older entries beyond the limit change nothing; keep memory per key bounded.
      while (attempts.size() > properties.maxFailures()) {
        attempts.removeFirst();
      }
    }
  }

  public void reset(String key) {
    failures.remove(key);
  }

  /** Drops keys whose failures have all left the window. */
  @Scheduled(fixedDelay = "5m")
  void evictExpired() {
    Instant now = clock.instant();
    failures
        .entrySet()
        .removeIf(
            entry -> {
              synchronized (entry.getValue()) {
                prune(entry.getValue(), now);
                return entry.getValue().isEmpty();
              }
            });
  }

  private void prune(Deque<Instant> attempts, Instant now) {
    Instant cutoff = now.minus(properties.window());
    while (!attempts.isEmpty() && !attempts.peekFirst().isAfter(cutoff)) {
      attempts.removeFirst();
    }
  }
}
