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
import java.util.stream.Stream;
import org.vitalake.identity.throttle.SlidingWindowCounter;

/**
 * Counts failed logins per key (an account's email, a client address, a service client id at a
 * client address) in a sliding window, each kind of key against its own limit. Held in memory: a
 * restart forgets the counts, which only ever makes the limit laxer.
 *
 * <p>An account's email is counted from any address: people choose guessable passwords, so guesses
 * spread over many addresses must still be capped, at the price that anyone can hold one account
 * off for a window. A service client id is counted only per address: the id is not secret (the
 * command-line tools use {@code vitalake-cli}), so a count per id alone would let anyone keep the
 * batch jobs and tools from getting tokens, while its secret (at least {@link
 * ServiceClients#MIN_SECRET_LENGTH} characters, random when {@code ./vitalake} makes it) is out of
 * reach of guesses spread over addresses.
 */
@Singleton
public class LoginThrottle {

  /** What a key names; each kind has its own limit in {@link LoginThrottleProperties}. */
  public enum Scope {
    /** An account's email, for password logins. */
    ACCOUNT,
    /** A client address, for password logins to any account. */
    ADDRESS,
    /**
     * A service client id at one client address ({@link #clientAtAddress}), for the
     * client-credentials grant: the guard against guessing one client's secret from an address.
     */
    CLIENT_AT_ADDRESS,
    /**
     * A client address, for the client-credentials grant with any client id: the guard against one
     * address guessing over many client ids. Apart from {@link #ADDRESS}, so that people failing to
     * log in cannot cut off a service at their address, nor a service's failures them.
     */
    GRANT_ADDRESS
  }

  /** The key of requests whose client address could not be resolved: they share one count. */
  static final String UNKNOWN = "(unknown)";

  private final Map<Scope, SlidingWindowCounter> failures = new EnumMap<>(Scope.class);

  public LoginThrottle(LoginThrottleProperties properties, Clock clock) {
    for (Scope scope : Scope.values()) {
      int limit =
          switch (scope) {
            case ACCOUNT, CLIENT_AT_ADDRESS -> properties.maxFailures();
            case ADDRESS, GRANT_ADDRESS -> properties.maxFailuresPerAddress();
          };
      failures.put(
          scope,
          new SlidingWindowCounter(
              "failed logins per " + scope.name().toLowerCase(Locale.ROOT).replace('_', ' '),
              limit,
              properties.window(),
              clock));
    }
  }

  /**
   * How long a client-credentials request for {@code clientId} from {@code clientAddress} must
   * wait, or empty when it may try now: the longer wait of the client id at that address and of the
   * address over all client ids.
   */
  public Optional<Duration> findClientWait(String clientId, @Nullable String clientAddress) {
    Optional<Duration> clientWait =
        findWait(Scope.CLIENT_AT_ADDRESS, clientAtAddress(clientId, clientAddress));
    Optional<Duration> addressWait = findWait(Scope.GRANT_ADDRESS, clientAddress);
    return Stream.of(clientWait, addressWait).flatMap(Optional::stream).max(Duration::compareTo);
  }

  /** Counts a refused client-credentials request against the client id there and the address. */
  public void recordClientFailure(String clientId, @Nullable String clientAddress) {
    recordFailure(Scope.CLIENT_AT_ADDRESS, clientAtAddress(clientId, clientAddress));
    recordFailure(Scope.GRANT_ADDRESS, clientAddress);
  }

  /**
   * Forgets the failures of {@code clientId} at {@code clientAddress} after it got a token; the
   * address keeps its count over all client ids, as a password login leaves its address's count.
   */
  public void resetClient(String clientId, @Nullable String clientAddress) {
    reset(Scope.CLIENT_AT_ADDRESS, clientAtAddress(clientId, clientAddress));
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

  /**
   * The {@link Scope#CLIENT_AT_ADDRESS} key. The address comes first and never holds a space (an IP
   * literal or {@link #UNKNOWN}), so no two pairs share a key whatever the client id.
   */
  static String clientAtAddress(String clientId, @Nullable String clientAddress) {
    return orUnknown(clientAddress) + " " + clientId;
  }

  private static String orUnknown(@Nullable String key) {
    return key == null ? UNKNOWN : key;
  }
}
