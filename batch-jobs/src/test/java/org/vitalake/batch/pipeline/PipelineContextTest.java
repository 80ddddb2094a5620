package org.vitalake.batch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vitalake.batch.fixture.BronzeRows;
import org.vitalake.batch.normalize.SampleNormalizer;
import org.vitalake.batch.normalize.SleepSessionBuilder;
import org.vitalake.batch.normalize.WorkoutBuilder;
import org.vitalake.batch.spark.SharedSparkSession;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.metric.MetricKind;
import org.vitalake.core.sample.DeviceType;

@ExtendWith(SharedSparkSession.class)
class PipelineContextTest {

  private static final ZoneOffset OFFSET = ZoneOffset.ofHours(2);
  private static final LocalDate DAY = LocalDate.of(2025, 3, 10);

  private static Instant at(LocalDate day, int hour, int minute) {
    return day.atTime(hour, minute).toInstant(OFFSET);
  }

  private static Set<LocalDate> touched(SparkSession spark, BronzeRows bronze) {
    Dataset<Row> zones = SampleNormalizer.latestTimeZones(bronze.profiles(spark));
    return PipelineContext.touchedDays(bronze.samples(spark), bronze.entries(spark), zones)
        .collectAsList()
        .stream()
        .map(r -> r.getDate(r.fieldIndex("local_date")).toLocalDate())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<LocalDate> days(LocalDate first, LocalDate last) {
    return first.datesUntil(last.plusDays(1)).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void aLateSleepStageTouchesTheDayOfTheSessionItMergesAwayAndTheNextNight(SparkSession spark) {
    // given a ring's stages until 23:50, already processed, and a late stage that continues them
    // past midnight: one session, which now wakes up a day later
    LocalDate wakeUp = DAY.plusDays(1);
    BronzeRows earlier =
        new BronzeRows()
            .profile("u1", "Europe/Oslo", Instant.EPOCH)
            .sample(
                "u1",
                Metric.SLEEP_STAGE,
                2,
                at(DAY, 22, 0),
                at(DAY, 23, 50),
                OFFSET,
                "oura",
                "ring",
                DeviceType.RING);
    BronzeRows late =
        new BronzeRows()
            .profile("u1", "Europe/Oslo", Instant.EPOCH)
            .sample(
                "u1",
                Metric.SLEEP_STAGE,
                3,
                at(DAY, 23, 50),
                at(wakeUp, 6, 0),
                OFFSET,
                "oura",
                "ring",
                DeviceType.RING);
    LocalDate sessionBefore =
        SleepSessionBuilder.build(
                SampleNormalizer.normalize(
                    earlier.samples(spark),
                    SampleNormalizer.latestTimeZones(earlier.profiles(spark))))
            .first()
            .getDate(1)
            .toLocalDate();

    // when
    Set<LocalDate> touched = touched(spark, late);

    // then the session the late stage absorbs, on the day before its wake-up day, is recomputed,
    // and so is the next night it may belong to
    assertThat(sessionBefore).isEqualTo(wakeUp.minusDays(1));
    assertThat(touched).containsExactlyElementsOf(days(sessionBefore, wakeUp.plusDays(1)));
  }

  @Test
  void aLateReadingTouchesTheDayOfTheWorkoutThatReportsIt(SparkSession spark) {
    for (String metric : WorkoutBuilder.READING_METRICS) {
      // given a workout from 23:30 to 00:30 and a reading of the metric at 00:10
      Metric reading = Metric.parse(metric);
      BronzeRows bronze =
          new BronzeRows()
              .profile("u1", "Europe/Oslo", Instant.EPOCH)
              .sample(
                  "u1",
                  Metric.WORKOUT,
                  60,
                  at(DAY, 23, 30),
                  at(DAY.plusDays(1), 0, 30),
                  OFFSET,
                  "garmin",
                  "fenix",
                  DeviceType.WATCH);
      BronzeRows late =
          new BronzeRows()
              .profile("u1", "Europe/Oslo", Instant.EPOCH)
              .sample(
                  "u1",
                  reading,
                  120,
                  at(DAY.plusDays(1), 0, 10),
                  reading.kind() == MetricKind.SAMPLE ? null : at(DAY.plusDays(1), 0, 11),
                  OFFSET,
                  "garmin",
                  "fenix",
                  DeviceType.WATCH);
      List<Row> workouts =
          WorkoutBuilder.build(
                  SampleNormalizer.normalize(
                      bronze.samples(spark).unionByName(late.samples(spark)),
                      SampleNormalizer.latestTimeZones(bronze.profiles(spark))))
              .collectAsList();
      assertThat(workouts).as(metric).hasSize(1);
      Row workout = workouts.get(0);
      assertThat(workout.getDate(workout.fieldIndex("local_date")).toLocalDate()).isEqualTo(DAY);

      // when
      Set<LocalDate> touched = touched(spark, late);

      // then
      assertThat(touched).as(metric).contains(DAY);
    }
  }

  @Test
  void aReadingTouchesEveryDayWhoseWorkoutsReadItsDay(SparkSession spark) {
    for (String metric : WorkoutBuilder.READING_METRICS) {
      // given a reading at noon
      Metric reading = Metric.parse(metric);
      BronzeRows late =
          new BronzeRows()
              .profile("u1", "Europe/Oslo", Instant.EPOCH)
              .sample(
                  "u1",
                  reading,
                  120,
                  at(DAY, 12, 0),
                  reading.kind() == MetricKind.SAMPLE ? null : at(DAY, 12, 1),
                  OFFSET,
                  "garmin",
                  "fenix",
                  DeviceType.WATCH);

      // when
      Set<LocalDate> touched = touched(spark, late);

      // then every workout day w whose reading days w + FIRST .. w + LAST include DAY is touched
      for (int k = WorkoutBuilder.FIRST_READING_DAY; k <= WorkoutBuilder.LAST_READING_DAY; k++) {
        assertThat(touched).as("%s, workout %d days before", metric, k).contains(DAY.minusDays(k));
      }
    }
  }

  @Test
  void aLateWorkoutTouchesTheRestingHeartRateDaysOfEveryReadingItMayHold(SparkSession spark) {
    // given a workout from 23:30 to 00:30 local
    BronzeRows late =
        new BronzeRows()
            .profile("u1", "Europe/Oslo", Instant.EPOCH)
            .sample(
                "u1",
                Metric.WORKOUT,
                60,
                at(DAY, 23, 30),
                at(DAY.plusDays(1), 0, 30),
                OFFSET,
                "garmin",
                "fenix",
                DeviceType.WATCH);

    // when
    Set<LocalDate> touched = touched(spark, late);

    // then a reading it holds lies on a day r from w + FIRST to w + LAST, and its heart rate counts
    // for the resting heart rate of r (early hours, sleep ending r) and r + 1 (sleep ending then)
    Set<LocalDate> restingDays = new TreeSet<>();
    for (int k = WorkoutBuilder.FIRST_READING_DAY; k <= WorkoutBuilder.LAST_READING_DAY; k++) {
      restingDays.add(DAY.plusDays(k));
      restingDays.add(DAY.plusDays(k + 1));
    }
    assertThat(touched).contains(DAY.plusDays(1)).containsAll(restingDays);
  }

  @Test
  void otherSamplesAndJournalEntriesTouchOnlyTheirOwnDay(SparkSession spark) {
    // given steps at 23:55 and a meal at 00:05 the next day, local time
    BronzeRows bronze =
        new BronzeRows()
            .profile("u1", "Europe/Oslo", Instant.EPOCH)
            .chargeSteps("u1", 40, at(DAY, 23, 55), at(DAY, 23, 56), OFFSET)
            .entry(
                "e1",
                "u1",
                "meal",
                at(DAY.plusDays(1), 0, 5),
                OFFSET,
                "{\"name\":\"toast\",\"calories\":250}");

    // when
    Set<LocalDate> touched = touched(spark, bronze);

    // then
    assertThat(touched).containsExactly(DAY, DAY.plusDays(1));
  }

  @Test
  void rejectsANegativeReach() {
    assertThatThrownBy(() -> new PipelineContext.DayReach(-1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before -1");
  }
}
