package org.vitalake.serving.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * A {@link TokenValidator} that remembers the tokens another validator accepted, so a client
 * sending the same access token with every request pays for its signature check once rather than on
 * every request (an RS256 verification and two JSON parses: most of a cached plan's cost).
 *
 * <p>A token is remembered under its exact text and trusted until the earlier of its own {@code
 * exp} and the cache's time to live; tokens without an expiry and rejected tokens are never
 * remembered, so the answer is always the one the delegate would give for a token that is still
 * valid.
 */
final class CachingTokenValidator<R> implements TokenValidator<R> {

  private record Accepted(Authentication authentication, Instant trustedUntil) {}

  private final TokenValidator<R> delegate;
  private final Cache<String, Accepted> accepted;
  private final java.time.Duration ttl;
  private final Clock clock;

  CachingTokenValidator(TokenValidator<R> delegate, TokenCacheProperties properties, Clock clock) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.ttl = properties.ttl();
    this.clock = clock;
    this.accepted = Caffeine.newBuilder().maximumSize(properties.maxSize()).build();
  }

  @Override
  public Publisher<Authentication> validateToken(String token, R request) {
    Instant now = clock.instant();
    Accepted known = accepted.getIfPresent(token);
    if (known != null) {
      if (now.isBefore(known.trustedUntil())) {
        return Mono.just(known.authentication());
      }
      accepted.invalidate(token);
    }
    return Mono.from(delegate.validateToken(token, request))
        .doOnNext(authentication -> remember(token, authentication, now));
  }

  private void remember(String token, Authentication authentication, Instant now) {
    Instant expiry = expiry(authentication.getAttributes().get("exp"));
    if (expiry == null) {
      return;
    }
    Instant until = now.plus(ttl);
    accepted.put(token, new Accepted(authentication, expiry.isBefore(until) ? expiry : until));
  }

  /** The {@code exp} claim as the JWT libraries hand it over: a date, or seconds since 1970. */
  static Instant expiry(Object exp) {
    if (exp instanceof Date date) {
      return date.toInstant();
    }
    if (exp instanceof Instant instant) {
      return instant;
    }
    if (exp instanceof Number seconds) {
      return Instant.ofEpochSecond(seconds.longValue());
    }
    return null;
  }

  /** Tokens currently remembered (for tests and metrics). */
  long size() {
    accepted.cleanUp();
    return accepted.estimatedSize();
  }

  @Override
  public int getOrder() {
    return delegate.getOrder();
  }
}
