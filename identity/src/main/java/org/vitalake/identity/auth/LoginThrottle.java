package org.vitalake.identity.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.vitalake.identity.throttle.SlidingWindowCounter;

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

  /** The key of requests whose client address could not be resolved: they share one count. */
  static final String UNKNOWN = "(unknown)";

  private final Map<Scope, SlidingWindowCounter> failures = new EnumMap<>(Scope.class);

  public LoginThrottle(LoginThrottleProperties properties, Clock clock) {
    for (Scope scope : Scope.values()) {
      int limit =
          switch (scope) {
            case ACCOUNT, CLIENT -> properties.maxFailures();
            case ADDRESS -> properties.maxFailuresPerAddress();
          };
      failures.put(
          scope,
          new SlidingWindowCounter(
              "failed logins per " + scope.name().toLowerCase(Locale.ROOT),
              limit,
              properties.window(),
              clock));
    }
  }

  /** How long {@code key} must wait before its next attempt, or empty when it may try now. */
  public Optional<Duration> findWait(Scope scope, @Nullable String key) {
    return failures.get(scope).findWait(orUnknown(key));
  }

  public void recordFailure(Scope scope, @Nullable String key) {
    failures.get(scope).record(orUnknown(key));
  }

  public void reset(Scope scope, @Nullable String key) {
    failures.get(scope).reset(orUnknown(key));
  }

  /** Drops keys whose failures have all left the window. */
  @Scheduled(fixedDelay = "5m")
  void evictExpired() {
    failures.values().forEach(SlidingWindowCounter::evictExpired);
  }

  private static String orUnknown(@Nullable String key) {
    return key == null ? UNKNOWN : key;
  }
}
