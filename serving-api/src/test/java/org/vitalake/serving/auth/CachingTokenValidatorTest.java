package org.vitalake.serving.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

class CachingTokenValidatorTest {

  private static final Instant NOW = Instant.parse("2026-11-21T07:00:00Z");

  /** Accepts the tokens it was given, each with its own expiry, and records every call. */
  private static final class KnownTokens implements TokenValidator<Object> {
    private final Map<String, Instant> expiries;
    private final List<String> calls = new ArrayList<>();

    KnownTokens(Map<String, Instant> expiries) {
      this.expiries = expiries;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, Object request) {
      calls.add(token);
      Instant exp = expiries.get(token);
      if (exp == null) {
        return Mono.empty();
      }
      return Mono.just(
          Authentication.build(
              "user-" + token, Set.of("user"), Map.of("exp", Date.from(exp), "sub", token)));
    }
  }

  private static final class MovableClock extends Clock {
    private Instant now = NOW;

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private static Authentication validate(CachingTokenValidator<Object> cache, String token) {
    return Mono.from(cache.validateToken(token, new Object())).block();
  }

  @Test
  void aRepeatedValidTokenIsCheckedByTheDelegateOnce() {
    // given
    KnownTokens delegate = new KnownTokens(Map.of("t1", NOW.plus(Duration.ofMinutes(15))));
    CachingTokenValidator<Object> cache =
        new CachingTokenValidator<>(
            delegate, new TokenCacheProperties(100, Duration.ofMinutes(5)), new MovableClock());

    // when
    Authentication first = validate(cache, "t1");
    Authentication second = validate(cache, "t1");

    // then
    assertThat(first.getName()).isEqualTo("user-t1");
    assertThat(second).isSameAs(first);
    assertThat(delegate.calls).containsExactly("t1");
  }

  @Test
  void rejectedTokensAreNeverRemembered() {
    // given
    KnownTokens delegate = new KnownTokens(Map.of());
    CachingTokenValidator<Object> cache =
        new CachingTokenValidator<>(
            delegate, new TokenCacheProperties(100, Duration.ofMinutes(5)), new MovableClock());

    // when
    Authentication first = validate(cache, "forged");
    Authentication second = validate(cache, "forged");

    // then
    assertThat(first).isNull();
    assertThat(second).isNull();
    assertThat(delegate.calls).containsExactly("forged", "forged");
    assertThat(cache.size()).isZero();
  }

  @Test
  void aTokenIsAskedAboutAgainOnceItExpiresEvenWithinTheTimeToLive() {
    // given: the token expires in 30 s, the cache would trust it for 5 minutes
    KnownTokens delegate = new KnownTokens(Map.of("short", NOW.plusSeconds(30)));
    MovableClock clock = new MovableClock();
    CachingTokenValidator<Object> cache =
        new CachingTokenValidator<>(
            delegate, new TokenCacheProperties(100, Duration.ofMinutes(5)), clock);
    validate(cache, "short");

    // when
    clock.now = NOW.plusSeconds(29);
    validate(cache, "short");
    clock.now = NOW.plusSeconds(30);
    validate(cache, "short");

    // then: the third call went to the delegate, which decides about an expired token
    assertThat(delegate.calls).containsExactly("short", "short");
  }

  @Test
  void aLongLivedTokenIsCheckedAgainAfterTheTimeToLive() {
    // given
    KnownTokens delegate = new KnownTokens(Map.of("long", NOW.plus(Duration.ofHours(1))));
    MovableClock clock = new MovableClock();
    CachingTokenValidator<Object> cache =
        new CachingTokenValidator<>(
            delegate, new TokenCacheProperties(100, Duration.ofMinutes(5)), clock);
    validate(cache, "long");

    // when
    clock.now = NOW.plus(Duration.ofMinutes(5)).minusMillis(1);
    validate(cache, "long");
    clock.now = NOW.plus(Duration.ofMinutes(5));
    validate(cache, "long");

    // then
    assertThat(delegate.calls).containsExactly("long", "long");
  }

  @Test
  void expiryIsReadFromDatesInstantsAndEpochSeconds() {
    assertThat(CachingTokenValidator.expiry(Date.from(NOW))).isEqualTo(NOW);
    assertThat(CachingTokenValidator.expiry(NOW)).isEqualTo(NOW);
    assertThat(CachingTokenValidator.expiry(NOW.getEpochSecond())).isEqualTo(NOW);
    assertThat(CachingTokenValidator.expiry("tomorrow")).isNull();
    assertThat(CachingTokenValidator.expiry(null)).isNull();
  }
}
