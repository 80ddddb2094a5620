package org.vitalake.core.daily;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.UserId;

class InMemoryDailyMetricsStoreTest {

  private static final UserId ALICE = UserId.of("alice");
  private static final UserId BOB = UserId.of("bob");
  private static final LocalDate MONDAY = LocalDate.of(2024, 3, 11);

  private static DailyMetrics steps(UserId user, LocalDate day, long steps) {
    return new DailyMetrics(
        user,
        day,
        steps,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        List.of("fitbit"));
  }

  @Test
  void findsDaysInAnInclusiveRangeInDateOrder() {
    // given
    InMemoryDailyMetricsStore store = new InMemoryDailyMetricsStore();
    store.putAll(
        List.of(
            steps(ALICE, MONDAY.plusDays(2), 3),
            steps(ALICE, MONDAY, 1),
            steps(ALICE, MONDAY.plusDays(1), 2),
            steps(ALICE, MONDAY.plusDays(3), 4)));

    // when
    List<DailyMetrics> found = store.findByUser(ALICE, MONDAY, MONDAY.plusDays(2));

    // then
    assertThat(found).extracting(DailyMetrics::steps).containsExactly(1L, 2L, 3L);
  }

  @Test
  void replacesADayWhenItIsRecomputed() {
    // given
    InMemoryDailyMetricsStore store = new InMemoryDailyMetricsStore();
    store.put(steps(ALICE, MONDAY, 1_000));

    // when
    store.put(steps(ALICE, MONDAY, 9_000));

    // then
    assertThat(store.findByUser(ALICE, MONDAY, MONDAY))
        .extracting(DailyMetrics::steps)
        .containsExactly(9_000L);
  }

  @Test
  void keepsUsersApart() {
    // given
    InMemoryDailyMetricsStore store = new InMemoryDailyMetricsStore();
    store.put(steps(ALICE, MONDAY, 1));
    store.put(steps(BOB, MONDAY, 2));

    // when / then
    assertThat(store.findByUser(BOB, MONDAY, MONDAY))
        .extracting(DailyMetrics::userId)
        .containsExactly(BOB);
    assertThat(store.findByUser(UserId.of("carol"), MONDAY, MONDAY)).isEmpty();
  }

  @Test
  void findsNothingWhenTheRangeIsReversed() {
    // given
    InMemoryDailyMetricsStore store = new InMemoryDailyMetricsStore();
    store.put(steps(ALICE, MONDAY, 1));

    // when / then
    assertThat(store.findByUser(ALICE, MONDAY.plusDays(1), MONDAY)).isEmpty();
  }
}
