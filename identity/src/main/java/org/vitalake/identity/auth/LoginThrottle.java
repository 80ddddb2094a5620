package org.vitalake.identity.auth;

import io.micronaut.core.annotation.Nullable;
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
 * Counts failed logins per key (an account's email, a client address, a service client id) in a
 * sliding window, each kind of key against its own limit. Held in memory: a restart forgets the
 * counts, which only ever makes the limit laxer.
 */
@Singleton
public class LoginThrottle {

  /** What a key names; each kind has its own limit in {@link LoginThrottleProperties}. */
  public enum Scope {
    /** An account's email, for password logins. */
    ACCOUNT,
    /** A client address, for password logins to any account. */
    ADDRESS,
    /** A service client id, for the client-credentials grant. */
    CLIENT
  }

  private final LoginThrottleProperties properties;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  public LoginThrottle(LoginThrottleProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  /** How long {@code key} must wait before its next attempt, or empty when it may try now. */
  public Optional<Duration> findWait(Scope scope, @Nullable String key) {
    Deque<Instant> attempts = failures.get(mapKey(scope, key));
    if (attempts == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    synchronized (attempts) {
      prune(attempts, now);
      if (attempts.size() < limit(scope)) {
        return Optional.empty();
      }
      Instant oldest = attempts.peekFirst();
      return Optional.of(Duration.between(now, oldest.plus(properties.window())));
    }
  }

  public void recordFailure(Scope scope, @Nullable String key) {
    Instant now = clock.instant();
    Deque<Instant> attempts = failures.computeIfAbsent(mapKey(scope, key), k -> new ArrayDeque<>());
    synchronized (attempts) {
      prune(attempts, now);
      attempts.addLast(now);
      // Older entries beyond the limit change nothing; keep memory per key bounded.
      while (attempts.size() > limit(scope)) {
        attempts.removeFirst();
      }
    }
  }

  public void reset(Scope scope, @Nullable String key) {
    failures.remove(mapKey(scope, key));
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

  private int limit(Scope scope) {
    return switch (scope) {
      case ACCOUNT, CLIENT -> properties.maxFailures();
      case ADDRESS -> properties.maxFailuresPerAddress();
    };
  }

  private static String mapKey(Scope scope, @Nullable String key) {
    return scope + ":" + key;
  }

  private void prune(Deque<Instant> attempts, Instant now) {
    Instant cutoff = now.minus(properties.window());
    while (!attempts.isEmpty() && !attempts.peekFirst().isAfter(cutoff)) {
      attempts.removeFirst();
    }
  }
}
