package org.vitalake.identity.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.vitalake.identity.support.ManualClock;

class SlidingWindowCounterTest {

  private final ManualClock clock = new ManualClock();
  private final Duration window = Duration.ofHours(1);
  private final int limit = 3;
  private final SlidingWindowCounter counter =
      new SlidingWindowCounter("test events", limit, window, clock);

  @Test
  void tryRecordCountsUpToTheLimitAndThenNamesTheWait() {
    // given: the limit used up, one event a minute
    for (int i = 0; i < limit; i++) {
      assertThat(counter.tryRecord("k")).isEmpty();
      clock.advance(Duration.ofMinutes(1));
    }

    // when
    Optional<Duration> refused = counter.tryRecord("k");

    // then: the oldest event, limit minutes ago, leaves the window that much before a full window
    assertThat(refused).contains(window.minus(Duration.ofMinutes(limit)));
  }

  @Test
  void refusedAttemptsDoNotExtendTheWait() {
    for (int i = 0; i < limit; i++) {
      counter.tryRecord("k");
    }
    for (int i = 0; i < 10; i++) {
      counter.tryRecord("k");
    }

    clock.advance(window);

    assertThat(counter.tryRecord("k")).isEmpty();
  }

  @Test
  void keysAreCountedApart() {
    for (int i = 0; i < limit; i++) {
      counter.tryRecord("a");
    }

    assertThat(counter.tryRecord("a")).isPresent();
    assertThat(counter.tryRecord("b")).isEmpty();
  }

  @Test
  void concurrentAttemptsNeverExceedTheLimit() throws Exception {
    // given
    int attempts = 200;
    SlidingWindowCounter shared = new SlidingWindowCounter("test events", 20, window, clock);
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int i = 0; i < attempts; i++) {
      tasks.add(() -> shared.tryRecord("k").isEmpty());
    }

    // when
    ExecutorService pool = Executors.newFixedThreadPool(8);
    long allowed;
    try {
      allowed = 0;
      for (Future<Boolean> result : pool.invokeAll(tasks)) {
        allowed += result.get() ? 1 : 0;
      }
    } finally {
      pool.shutdownNow();
    }

    // then
    assertThat(allowed).isEqualTo(shared.limit());
  }

  @Test
  void evictionDropsKeysWhoseEventsHaveLeftTheWindow() {
    counter.record("old");
    clock.advance(window.dividedBy(2));
    counter.record("recent");

    clock.advance(window.dividedBy(2));
    counter.evictExpired();

    assertThat(counter.size()).isEqualTo(1);
    assertThat(counter.findWait("recent")).isEmpty();
  }

  @Test
  void aKeyThatGoesOnWaitsForItsLimitThMostRecentEvent() {
    // given: far more events than the limit, one a second
    int events = 1000;
    for (int i = 0; i < events; i++) {
      counter.record("k");
      clock.advance(Duration.ofSeconds(1));
    }

    // when
    Optional<Duration> wait = counter.findWait("k");

    // then: only the last 'limit' events matter (and only they are kept)
    assertThat(wait).contains(window.minus(Duration.ofSeconds(limit)));
  }

  @Test
  void leavesNewKeysUncountedOnceTheKeyTableIsFull() {
    // given
    int maxKeys = 5;
    SlidingWindowCounter small = new SlidingWindowCounter("test events", 1, window, clock, maxKeys);
    for (int i = 0; i < maxKeys; i++) {
      small.tryRecord("key-" + i);
    }

    // when
    Optional<Duration> newKey = small.tryRecord("one-more");
    Optional<Duration> knownKey = small.tryRecord("key-0");

    // then: the table does not grow; keys already in it are still held to the limit
    assertThat(newKey).isEmpty();
    assertThat(small.size()).isEqualTo(maxKeys);
    assertThat(knownKey).isPresent();
  }

  @Test
  void findWaitDoesNotCreateKeys() {
    assertThat(counter.findWait("never-recorded")).isEmpty();

    assertThat(counter.size()).isZero();
  }

  @Test
  void refusesALimitBelowOne() {
    assertThatThrownBy(() -> new SlidingWindowCounter("test events", 0, window, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit of test events must be at least 1 (was 0)");
  }
}
