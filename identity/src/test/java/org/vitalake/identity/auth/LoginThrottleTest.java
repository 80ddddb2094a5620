package org.vitalake.identity.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final Duration window = Duration.ofMinutes(15);
  private final LoginThrottle throttle =
      new LoginThrottle(new LoginThrottleProperties(5, window), clock);

  @Test
  void allowsFourFailuresAndBlocksAfterTheFifth() {
    for (int i = 0; i < 4; i++) {
      throttle.recordFailure("k");
    }
    assertThat(throttle.findWait("k")).isEmpty();

    throttle.recordFailure("k");

    assertThat(throttle.findWait("k")).contains(window);
  }

  @Test
  void waitEndsWhenTheOldestFailureLeavesTheWindow() {
    // given: failures one minute apart
    for (int i = 0; i < 5; i++) {
      throttle.recordFailure("k");
      clock.now = clock.now.plus(Duration.ofMinutes(1));
    }
    // the oldest failure was 5 minutes ago, so it leaves the window in 10 minutes
    assertThat(throttle.findWait("k")).contains(window.minus(Duration.ofMinutes(5)));

    // when
    clock.now = clock.now.plus(window.minus(Duration.ofMinutes(5)));

    // then
    assertThat(throttle.findWait("k")).isEmpty();
  }

  @Test
  void resetForgetsFailuresOfOneKeyOnly() {
    for (int i = 0; i < 5; i++) {
      throttle.recordFailure("a");
      throttle.recordFailure("b");
    }

    throttle.reset("a");

    assertThat(throttle.findWait("a")).isEmpty();
    assertThat(throttle.findWait("b")).isPresent();
  }
}
