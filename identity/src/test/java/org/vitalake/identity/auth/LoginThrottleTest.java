package org.vitalake.identity.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vitalake.identity.auth.LoginThrottle.Scope.ACCOUNT;
import static org.vitalake.identity.auth.LoginThrottle.Scope.ADDRESS;
import static org.vitalake.identity.auth.LoginThrottle.Scope.CLIENT_AT_ADDRESS;
import static org.vitalake.identity.auth.LoginThrottle.Scope.GRANT_ADDRESS;

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
  void throttlesAServiceClientAtTheAddressThatSentWrongSecrets() {
    // given
    for (int i = 0; i < maxFailures - 1; i++) {
      throttle.recordClientFailure("vitalake-cli", "10.0.0.1");
    }
    assertThat(throttle.findClientWait("vitalake-cli", "10.0.0.1")).isEmpty();

    // when
    throttle.recordClientFailure("vitalake-cli", "10.0.0.1");

    // then
    assertThat(throttle.findClientWait("vitalake-cli", "10.0.0.1")).contains(window);
  }

  @Test
  void letsAServiceClientGetTokensFromOtherAddresses() {
    // given: one address reaches the limit for the client id
    for (int i = 0; i < maxFailures; i++) {
      throttle.recordClientFailure("vitalake-cli", "10.0.0.1");
    }

    // then: the client id from elsewhere, and another client id from there, may go ahead
    assertThat(throttle.findClientWait("vitalake-cli", "10.0.0.2")).isEmpty();
    assertThat(throttle.findClientWait("vitalake-cli", null)).isEmpty();
    assertThat(throttle.findClientWait("batch-jobs", "10.0.0.1")).isEmpty();
  }

  @Test
  void doesNotThrottleAServiceClientForFailuresSpreadOverAddresses() {
    // given: more failures for the client id than the limit, each from its own address
    for (int i = 0; i < 2 * maxFailures; i++) {
      throttle.recordClientFailure("vitalake-cli", "10.0.1." + i);
    }

    // then
    assertThat(throttle.findClientWait("vitalake-cli", "10.0.2.1")).isEmpty();
  }

  @Test
  void throttlesAnAddressGuessingOverManyClientIds() {
    // given: fewer failures per client id than the limit, but as many in all as an address may have
    for (int i = 0; i < maxFailuresPerAddress; i++) {
      throttle.recordClientFailure("made-up-" + i, "10.0.0.1");
    }

    // then: no client id may be tried from there any more, from elsewhere still
    assertThat(throttle.findClientWait("vitalake-cli", "10.0.0.1")).contains(window);
    assertThat(throttle.findClientWait("vitalake-cli", "10.0.0.2")).isEmpty();
  }

  @Test
  void namesTheLongerWaitWhenTheClientIdAndItsAddressAreBothThrottled() {
    // given: the address reaches its limit first, the client id there five minutes later
    for (int i = 0; i < maxFailuresPerAddress - maxFailures; i++) {
      throttle.recordClientFailure("made-up-" + i, "10.0.0.1");
    }
    clock.advance(Duration.ofMinutes(5));
    for (int i = 0; i < maxFailures; i++) {
      throttle.recordClientFailure("vitalake-cli", "10.0.0.1");
    }

    // then: the address's count frees up in 10 minutes, the client id's in 15
    assertThat(throttle.findWait(GRANT_ADDRESS, "10.0.0.1"))
        .contains(window.minus(Duration.ofMinutes(5)));
    assertThat(throttle.findClientWait("vitalake-cli", "10.0.0.1")).contains(window);
  }

  @Test
  void resetClientForgetsTheClientIdAtThatAddressButNotTheAddressCount() {
    // given
    for (int i = 0; i < maxFailures - 1; i++) {
      throttle.recordClientFailure("vitalake-cli", "10.0.0.1");
      throttle.recordClientFailure("vitalake-cli", "10.0.0.2");
    }

    // when: the client gets a token from the first address
    throttle.resetClient("vitalake-cli", "10.0.0.1");
    throttle.recordClientFailure("vitalake-cli", "10.0.0.1");
    throttle.recordClientFailure("vitalake-cli", "10.0.0.2");

    // then
    assertThat(throttle.findClientWait("vitalake-cli", "10.0.0.1")).isEmpty();
    assertThat(throttle.findClientWait("vitalake-cli", "10.0.0.2")).contains(window);
    for (int i = maxFailures; i < maxFailuresPerAddress; i++) {
      throttle.recordClientFailure("made-up-" + i, "10.0.0.1");
    }
    assertThat(throttle.findWait(GRANT_ADDRESS, "10.0.0.1")).contains(window);
  }

  @Test
  void keepsClientCredentialFailuresApartFromPasswordLogins() {
    // given: an address at the limit for each kind of request, two different addresses
    for (int i = 0; i < maxFailuresPerAddress; i++) {
      throttle.recordFailure(ADDRESS, "10.0.0.1");
      throttle.recordClientFailure("made-up-" + i, "10.0.0.2");
    }

    // then
    assertThat(throttle.findClientWait("vitalake-cli", "10.0.0.1")).isEmpty();
    assertThat(throttle.findWait(ADDRESS, "10.0.0.2")).isEmpty();
  }

  @Test
  void doesNotConfuseAClientIdWithAnAddressInItsKey() {
    // given: a made-up client id that spells another address and client id
    for (int i = 0; i < maxFailures; i++) {
      throttle.recordClientFailure("10.0.0.2 vitalake-cli", "10.0.0.1");
    }

    // then
    assertThat(throttle.findClientWait("vitalake-cli", "10.0.0.2")).isEmpty();
    assertThat(throttle.findClientWait("10.0.0.2 vitalake-cli", "10.0.0.1")).contains(window);
  }

  @Test
  void keepsTheSameKeyApartAcrossScopes() {
    for (int i = 0; i < maxFailures; i++) {
      throttle.recordFailure(ACCOUNT, "same");
    }

    assertThat(throttle.findWait(ACCOUNT, "same")).isPresent();
    assertThat(throttle.findWait(CLIENT_AT_ADDRESS, "same")).isEmpty();
    assertThat(throttle.findWait(ADDRESS, "same")).isEmpty();
    assertThat(throttle.findWait(GRANT_ADDRESS, "same")).isEmpty();
  }

  @Test
  void refusesALimitBelowOne() {
    assertThatThrownBy(() -> new LoginThrottleProperties(5, 0, window))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max-failures-per-address must be at least 1 (was 0)");
  }
}
