package org.vitalake.identity.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.vitalake.identity.support.ManualClock;

class RegistrationThrottleTest {

  private final ManualClock clock = new ManualClock();
  private final int maxPerAddress = 20;
  private final Duration window = Duration.ofHours(1);
  private final RegistrationThrottle throttle =
      new RegistrationThrottle(new RegistrationThrottleProperties(maxPerAddress, window), clock);

  @Test
  void refusesTheRegistrationAfterTheAllowanceOfAnAddress() {
    for (int i = 0; i < maxPerAddress; i++) {
      assertThat(throttle.tryAcquire("10.0.0.1")).as("registration %d", i + 1).isEmpty();
    }

    assertThat(throttle.tryAcquire("10.0.0.1")).contains(window);
  }

  @Test
  void letsAnotherAddressRegisterWhileOneIsRefused() {
    for (int i = 0; i < maxPerAddress; i++) {
      throttle.tryAcquire("10.0.0.1");
    }

    assertThat(throttle.tryAcquire("10.0.0.1")).isPresent();
    assertThat(throttle.tryAcquire("10.0.0.2")).isEmpty();
  }

  @Test
  void allowsTheAddressAgainOnceItsOldestRegistrationLeavesTheWindow() {
    // given: the allowance used up at one registration a minute
    for (int i = 0; i < maxPerAddress; i++) {
      throttle.tryAcquire("10.0.0.1");
      clock.advance(Duration.ofMinutes(1));
    }
    Duration wait = throttle.tryAcquire("10.0.0.1").orElseThrow();

    // when
    clock.advance(wait);

    // then: one more, and only one, until the next oldest leaves too
    assertThat(throttle.tryAcquire("10.0.0.1")).isEmpty();
    assertThat(throttle.tryAcquire("10.0.0.1")).contains(Duration.ofMinutes(1));
  }

  @Test
  void countsRequestsWithoutAnAddressTogether() {
    for (int i = 0; i < maxPerAddress; i++) {
      throttle.tryAcquire(null);
    }

    assertThat(throttle.tryAcquire(null)).isPresent();
  }

  @Test
  void refusesAnAllowanceBelowOne() {
    assertThatThrownBy(() -> new RegistrationThrottleProperties(0, window))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "vitalake.identity.registration-throttle.max-per-address must be at least 1 (was 0)");
  }

  @Test
  void describesTheWindowInTheUnitItIsConfiguredIn() {
    assertThat(RegistrationThrottle.describe(Duration.ofHours(1))).isEqualTo("1 h");
    assertThat(RegistrationThrottle.describe(Duration.ofMinutes(15))).isEqualTo("15 min");
    assertThat(RegistrationThrottle.describe(Duration.ofSeconds(90))).isEqualTo("90 s");
  }
}
