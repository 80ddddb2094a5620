package org.vitalake.serving.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.metric.SleepStage;

class TodayAggregatesTest {

  private static final UserId ANA = UserId.of("ana");
  private static final Instant NOW = Instant.parse("2026-03-14T12:00:00Z");
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 14);

  private final TodayAggregates aggregates =
      new TodayAggregates(100, 3, 1000, user -> Optional.empty());

  private static WearableEvent sample(
      Metric metric,
      double value,
      String start,
      String end,
      Integer offset,
      String source,
      String key) {
    return new WearableEvent(
        ANA,
        metric,
        value,
        Instant.parse(start),
        end == null ? null : Instant.parse(end),
        offset,
        source,
        key,
        NOW);
  }

  @Test
  void stepsAddUpPerSourceAndTheSourceThatCountedMostWins() {
    // given a watch and a phone counting the same walk
    aggregates.add(
        sample(
            Metric.STEPS, 1000, "2026-03-14T08:00:00Z", "2026-03-14T08:10:00Z", 0, "watch", "w1"),
        NOW);
    aggregates.add(
        sample(Metric.STEPS, 500, "2026-03-14T09:00:00Z", "2026-03-14T09:10:00Z", 0, "watch", "w2"),
        NOW);
    aggregates.add(
        sample(
            Metric.STEPS, 1200, "2026-03-14T08:00:00Z", "2026-03-14T09:10:00Z", 0, "phone", "p1"),
        NOW);

    // when
    DayTotals totals = aggregates.find(ANA, TODAY).orElseThrow();

    // then
    assertThat(totals.steps()).isEqualTo(Math.max(1000 + 500, 1200));
    assertThat(totals.sources()).containsExactly("phone", "watch");
  }

  @Test
  void aResentSampleIsCountedOnce() {
    // given
    WearableEvent steps =
        sample(
            Metric.STEPS,
            800,
            "2026-03-14T08:00:00Z",
            "2026-03-14T08:10:00Z",
            0,
            "watch",
            "same-key");

    // when
    aggregates.add(steps, NOW);
    aggregates.add(steps, NOW);

    // then
    assertThat(aggregates.find(ANA, TODAY).orElseThrow().steps()).isEqualTo(800);
  }

  @Test
  void mealsAddEnergyAndProteinOncePerEntry() {
    // given
    MealEvent breakfast =
        new MealEvent(ANA, "e1", Instant.parse("2026-03-14T07:30:00Z"), 0, 420.0, 18.5, NOW);
    MealEvent lunch =
        new MealEvent(ANA, "e2", Instant.parse("2026-03-14T11:30:00Z"), 0, 650.0, null, NOW);

    // when
    aggregates.add(breakfast, NOW);
    aggregates.add(lunch, NOW);
    aggregates.add(breakfast, NOW);

    // then
    DayTotals totals = aggregates.find(ANA, TODAY).orElseThrow();
    assertThat(totals.energyInKcal()).isEqualTo(420.0 + 650.0);
    assertThat(totals.proteinG()).isEqualTo(18.5);
  }

  @Test
  void theLatestHeartRateIsTheOneMeasuredLast() {
    // given readings arriving out of order
    aggregates.add(
        sample(Metric.HEART_RATE, 72, "2026-03-14T10:05:00Z", null, 0, "watch", "h2"), NOW);
    aggregates.add(
        sample(Metric.HEART_RATE, 65, "2026-03-14T10:00:00Z", null, 0, "watch", "h1"), NOW);

    // when
    DayTotals totals = aggregates.find(ANA, TODAY).orElseThrow();

    // then
    assertThat(totals.latestHeartRate()).isEqualTo(72);
    assertThat(totals.latestHeartRateAt()).isEqualTo(Instant.parse("2026-03-14T10:05:00Z"));
  }

  @Test
  void aSampleCountsForTheLocalDayOfItsOwnOffset() {
    // given 23:30 UTC on the 13th is 01:30 on the 14th at +02:00
    aggregates.add(
        sample(
            Metric.STEPS, 300, "2026-03-13T23:30:00Z", "2026-03-13T23:40:00Z", 7200, "watch", "k"),
        NOW);

    // then
    assertThat(aggregates.find(ANA, TODAY)).isPresent();
    assertThat(aggregates.find(ANA, TODAY.minusDays(1))).isEmpty();
  }

  @Test
  void withoutAnOffsetTheProfileTimeZoneDecidesTheDay() {
    // given a user at home in Los Angeles (UTC-7 in March after DST)
    TodayAggregates withProfile =
        new TodayAggregates(100, 3, 1000, user -> Optional.of(ZoneId.of("America/Los_Angeles")));
    WearableEvent lateEvening =
        sample(
            Metric.STEPS, 400, "2026-03-14T05:00:00Z", "2026-03-14T05:10:00Z", null, "watch", "k");

    // when
    withProfile.add(lateEvening, NOW);

    // then 05:00 UTC is 22:00 on the 13th in Los Angeles
    assertThat(withProfile.find(ANA, TODAY.minusDays(1)).orElseThrow().steps()).isEqualTo(400);
    assertThat(withProfile.zoneOf(ANA)).isEqualTo(ZoneId.of("America/Los_Angeles"));
  }

  @Test
  void sleepCountsForTheDayTheUserWokeUpEvenWhenStagesEndBeforeMidnight() {
    // given stages from 22:30 to 06:30 at UTC, one of them awake
    String[][] stages = {
      {"2026-03-13T22:30:00Z", "2026-03-13T23:45:00Z", Integer.toString(SleepStage.LIGHT.code())},
      {"2026-03-13T23:45:00Z", "2026-03-14T01:00:00Z", Integer.toString(SleepStage.DEEP.code())},
      {"2026-03-14T01:00:00Z", "2026-03-14T01:20:00Z", Integer.toString(SleepStage.AWAKE.code())},
      {"2026-03-14T01:20:00Z", "2026-03-14T06:30:00Z", Integer.toString(SleepStage.REM.code())}
    };
    int i = 0;
    for (String[] s : stages) {
      aggregates.add(
          sample(Metric.SLEEP_STAGE, Double.parseDouble(s[2]), s[0], s[1], 0, "ring", "s" + i++),
          NOW);
    }

    // when
    DayTotals totals = aggregates.find(ANA, TODAY).orElseThrow();

    // then asleep = 75 + 75 + 310 minutes, the 20 awake minutes excluded
    assertThat(totals.sleepMinutes()).isEqualTo(75 + 75 + 310.0);
    assertThat(totals.sleepReceivedAt()).isEqualTo(NOW);
    assertThat(aggregates.find(ANA, TODAY.minusDays(1))).isEmpty();
  }

  @Test
  void aSleepSessionWinsOverStageSums() {
    // given
    aggregates.add(
        sample(
            Metric.SLEEP_STAGE,
            SleepStage.LIGHT.code(),
            "2026-03-13T23:00:00Z",
            "2026-03-14T01:00:00Z",
            0,
            "ring",
            "s1"),
        NOW);
    aggregates.add(
        sample(
            Metric.SLEEP_SESSION,
            412,
            "2026-03-13T23:00:00Z",
            "2026-03-14T06:40:00Z",
            0,
            "ring",
            "s2"),
        NOW);

    // then
    assertThat(aggregates.find(ANA, TODAY).orElseThrow().sleepMinutes()).isEqualTo(412);
  }

  @Test
  void aNapSessionEndingInTheEveningCountsOnTheDayItEndsAsInTheNightlyPipeline() {
    // given a 45-minute nap session on the evening of yesterday (UTC offset 0)
    aggregates.add(
        sample(
            Metric.SLEEP_SESSION,
            45,
            "2026-03-13T19:00:00Z",
            "2026-03-13T19:45:00Z",
            0,
            "watch",
            "nap"),
        NOW);

    // then it belongs to yesterday, the day it ended, not to today
    assertThat(aggregates.find(ANA, TODAY.minusDays(1)).orElseThrow().sleepMinutes()).isEqualTo(45);
    assertThat(aggregates.find(ANA, TODAY)).isEmpty();
  }

  @Test
  void historicalSamplesAreLeftToTheNightlyRun() {
    // when
    boolean kept =
        aggregates.add(
            sample(
                Metric.STEPS,
                5000,
                "2016-04-12T10:00:00Z",
                "2016-04-12T11:00:00Z",
                0,
                "fitbit",
                "old"),
            NOW);

    // then
    assertThat(kept).isFalse();
    assertThat(aggregates.userCount()).isZero();
  }

  @Test
  void memoryIsBoundedInUsersAndDays() {
    // given
    TodayAggregates small = new TodayAggregates(20, 2, 1000, user -> Optional.empty());

    // when 30 users sync, and one user has three days
    for (int u = 0; u < 30; u++) {
      small.add(
          new WearableEvent(
              UserId.of("u" + u),
              Metric.STEPS,
              10,
              Instant.parse("2026-03-14T08:00:00Z"),
              Instant.parse("2026-03-14T08:01:00Z"),
              0,
              "watch",
              "k" + u,
              NOW),
          NOW);
    }
    for (String day : new String[] {"2026-03-12", "2026-03-13", "2026-03-14"}) {
      small.add(
          new WearableEvent(
              ANA,
              Metric.STEPS,
              10,
              Instant.parse(day + "T08:00:00Z"),
              Instant.parse(day + "T08:01:00Z"),
              0,
              "watch",
              day,
              NOW),
          NOW);
    }

    // then
    assertThat(small.userCount()).isLessThanOrEqualTo(20);
    assertThat(small.find(ANA, LocalDate.parse("2026-03-12"))).isEmpty();
    assertThat(small.find(ANA, LocalDate.parse("2026-03-14"))).isPresent();
  }

  @Test
  void todayIsReckonedInTheLastOffsetSeenWhenThereIsNoProfile() {
    // given
    aggregates.add(
        sample(Metric.HEART_RATE, 60, "2026-03-14T10:00:00Z", null, -5 * 3600, "watch", "h"), NOW);

    // then
    assertThat(aggregates.zoneOf(ANA)).isEqualTo(ZoneOffset.ofHours(-5));
    assertThat(aggregates.zoneOf(UserId.of("stranger"))).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void accumulatedSamplesAreInvisibleUntilPublishedAndThenAllCount() {
    // given a batch accumulated without publishing, on top of a published day
    aggregates.add(
        sample(Metric.STEPS, 100, "2026-03-14T07:00:00Z", "2026-03-14T07:10:00Z", 0, "watch", "a"),
        NOW);
    for (int i = 0; i < 5; i++) {
      String start = "2026-03-14T08:0" + i + ":00Z";
      String end = "2026-03-14T08:0" + i + ":59Z";
      aggregates.accumulate(sample(Metric.STEPS, 10, start, end, 0, "watch", "b" + i), NOW);
    }
    Long before = aggregates.find(ANA, TODAY).orElseThrow().steps();

    // when
    aggregates.publishPending();

    // then
    assertThat(before).isEqualTo(100L);
    DayTotals after = aggregates.find(ANA, TODAY).orElseThrow();
    assertThat(after.steps()).isEqualTo(150L);
    assertThat(after.samples()).isEqualTo(6);
  }
}
