package org.vitalake.identity.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.vitalake.identity.throttle.SlidingWindowCounter;

/**
 * Counts registrations per client address in a sliding window (see {@link
 * RegistrationThrottleProperties}). Held in memory: a restart forgets the counts.
 */
@Singleton
public class RegistrationThrottle {

  /** The key of requests whose client address could not be resolved: they share one count. */
  static final String UNKNOWN = "(unknown)";

  private final SlidingWindowCounter registrations;

  public RegistrationThrottle(RegistrationThrottleProperties properties, Clock clock) {
    this.registrations =
        new SlidingWindowCounter(
            "registrations per address", properties.maxPerAddress(), properties.window(), clock);
  }

  /**
   * Counts a registration from {@code address} unless the address has used up its allowance.
   *
   * @return empty when the registration may go ahead; else how long the address must wait
   */
  public Optional<Duration> tryAcquire(@Nullable String address) {
    return registrations.tryRecord(address == null ? UNKNOWN : address);
  }

  public int maxPerAddress() {
    return registrations.limit();
  }

  public Duration window() {
    return registrations.window();
  }

  /** Drops addresses whose registrations have all left the window. */
  @Scheduled(fixedDelay = "5m")
  void evictExpired() {
    registrations.evictExpired();
  }

  /** A window as people write it: 1 h, 15 min, 90 s. */
  static String describe(Duration window) {
    if (window.toSeconds() % 3600 == 0) {
      return window.toHours() + " h";
    }
    if (window.toSeconds() % 60 == 0) {
      return window.toMinutes() + " min";
    }
    return Math.max(1, window.toSeconds()) + " s";
  }
}
