package org.vitalake.identity.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vitalake.identity.auth.LoginThrottle.Scope.ACCOUNT;
import static org.vitalake.identity.auth.LoginThrottle.Scope.ADDRESS;
import static org.vitalake.identity.auth.LoginThrottle.Scope.CLIENT;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.vitalake.identity.support.ManualClock;

class LoginThrottleTest {

  private final ManualClock clock = new ManualClock();
  private final Duration window = Duration.ofMinutes(15);
  private final int maxFailures = 5;
  private final int maxFailuresPerAddress = 20;
  private final LoginThrottle throttle =
      new LoginThrottle(
          new LoginThrottleProperties(maxFailures, maxFailuresPerAddress, window), clock);

  @Test
  void allowsFourFailuresAndBlocksAfterTheFifth() {
    for (int i = 0; i < 4; i++) {
      throttle.recordFailure(ACCOUNT, "k");
    }
    assertThat(throttle.findWait(ACCOUNT, "k")).isEmpty();

    throttle.recordFailure(ACCOUNT, "k");

    assertThat(throttle.findWait(ACCOUNT, "k")).contains(window);
  }

  @Test
  void waitEndsWhenTheOldestFailureLeavesTheWindow() {
    // given: failures one minute apart
    for (int i = 0; i < 5; i++) {
      throttle.recordFailure(ACCOUNT, "k");
      clock.advance(Duration.ofMinutes(1));
    }
    // the oldest failure was 5 minutes ago, so it leaves the window in 10 minutes
    assertThat(throttle.findWait(ACCOUNT, "k")).contains(window.minus(Duration.ofMinutes(5)));

    // when
    clock.advance(window.minus(Duration.ofMinutes(5)));

    // then
    assertThat(throttle.findWait(ACCOUNT, "k")).isEmpty();
  }

  @Test
  void resetForgetsFailuresOfOneKeyOnly() {
    for (int i = 0; i < 5; i++) {
      throttle.recordFailure(ACCOUNT, "a");
      throttle.recordFailure(ACCOUNT, "b");
    }

    throttle.reset(ACCOUNT, "a");

    assertThat(throttle.findWait(ACCOUNT, "a")).isEmpty();
    assertThat(throttle.findWait(ACCOUNT, "b")).isPresent();
  }

  @Test
  void letsAnAddressFailMoreOftenThanAnAccount() {
    // given: as many failures as an account may have, from one address
    for (int i = 0; i < maxFailures; i++) {
      throttle.recordFailure(ADDRESS, "10.0.0.1");
    }
    assertThat(throttle.findWait(ADDRESS, "10.0.0.1")).isEmpty();

    // when: up to the address's own limit
    for (int i = maxFailures; i < maxFailuresPerAddress; i++) {
      throttle.recordFailure(ADDRESS, "10.0.0.1");
    }

    // then
    assertThat(throttle.findWait(ADDRESS, "10.0.0.1")).contains(window);
  }

  @Test
  void holdsAServiceClientToTheAccountLimit() {
    for (int i = 0; i < maxFailures; i++) {
      throttle.recordFailure(CLIENT, "vitalake-cli");
    }

    assertThat(throttle.findWait(CLIENT, "vitalake-cli")).contains(window);
  }

  @Test
  void keepsTheSameKeyApartAcrossScopes() {
    for (int i = 0; i < maxFailures; i++) {
      throttle.recordFailure(ACCOUNT, "same");
    }

    assertThat(throttle.findWait(ACCOUNT, "same")).isPresent();
    assertThat(throttle.findWait(CLIENT, "same")).isEmpty();
    assertThat(throttle.findWait(ADDRESS, "same")).isEmpty();
  }

  @Test
  void refusesALimitBelowOne() {
    assertThatThrownBy(() -> new LoginThrottleProperties(5, 0, window))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max-failures-per-address must be at least 1 (was 0)");
  }
}
