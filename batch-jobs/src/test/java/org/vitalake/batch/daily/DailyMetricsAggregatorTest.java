package org.vitalake.batch.daily;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vitalake.batch.fixture.BronzeRows;
import org.vitalake.batch.normalize.JournalTyper;
import org.vitalake.batch.normalize.SampleNormalizer;
import org.vitalake.batch.normalize.SleepSessionBuilder;
import org.vitalake.batch.normalize.WorkoutBuilder;
import org.vitalake.batch.spark.SharedSparkSession;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;

@ExtendWith(SharedSparkSession.class)
class DailyMetricsAggregatorTest {

  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  private static final Instant COMPUTED_AT = Instant.parse("2025-04-01T04:00:00Z");

  private static Row day(SparkSession spark, BronzeRows bronze, String user, LocalDate date) {
    Dataset<Row> zones = SampleNormalizer.latestTimeZones(bronze.profiles(spark));
    Dataset<Row> samples = SampleNormalizer.normalize(bronze.samples(spark), zones).cache();
    Dataset<Row> journal = JournalTyper.prepare(bronze.entries(spark), zones);
    DailyMetricsAggregator.Inputs inputs =
        new DailyMetricsAggregator.Inputs(
            samples,
            SleepSessionBuilder.build(samples),
            WorkoutBuilder.build(samples),
            JournalTyper.meals(journal),
            JournalTyper.moods(journal),
            JournalTyper.activities(journal),
            zones);
    return DailyMetricsAggregator.aggregate(inputs, COMPUTED_AT)
        .where(
            col("user_id")
                .equalTo(user)
                .and(col("local_date").equalTo(java.sql.Date.valueOf(date))))
        .first();
  }

  /** Spark's exact percentile: linear interpolation at position p * (n - 1). */
  private static double percentile(List<Double> values, double p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    double position = p * (sorted.size() - 1);
    int lower = (int) Math.floor(position);
    int upper = (int) Math.ceil(position);
    return sorted.get(lower) + (position - lower) * (sorted.get(upper) - sorted.get(lower));
  }

  @Test
  void derivesRestingHeartRateFromTheNightAndCoverageFromTheSpringForwardDay(SparkSession spark) {
    // given the Oslo spring-forward day (23 hours): steps in every local hour, a night's sleep
    // session ending that morning with heart rate every 5 minutes during it, meals and a mood
    LocalDate day = LocalDate.of(2025, 3, 30);
    BronzeRows bronze = new BronzeRows().profile("u1", "Europe/Oslo", Instant.EPOCH);
    long steps = 0;
    ZonedDateTime end = day.plusDays(1).atStartOfDay(OSLO);
    int hours = 0;
    for (ZonedDateTime t = day.atStartOfDay(OSLO); t.isBefore(end); t = t.plusHours(1)) {
      bronze.sample(
          "u1",
          Metric.STEPS,
          100 + hours,
          t.toInstant(),
          t.toInstant().plusSeconds(3600),
          null,
          "garmin",
          "venu",
          DeviceType.WATCH);
      steps += 100 + hours;
      hours++;
    }
    ZonedDateTime bed = day.minusDays(1).atTime(23, 0).atZone(OSLO);
    ZonedDateTime wake = day.atTime(7, 0).atZone(OSLO);
    bronze.sample(
        "u1",
        Metric.SLEEP_SESSION,
        420,
        bed.toInstant(),
        wake.toInstant(),
        null,
        "garmin",
        "venu",
        DeviceType.WATCH);
    List<Double> night = new ArrayList<>();
    int i = 0;
    for (Instant t = bed.toInstant(); t.isBefore(wake.toInstant()); t = t.plusSeconds(300)) {
      double hr = 48 + (i * 7) % 23;
      bronze.sample("u1", Metric.HEART_RATE, hr, t, null, null, "garmin", "venu", DeviceType.WATCH);
      night.add(hr);
      i++;
    }
    // a daytime reading that must not count towards the resting value
    bronze.sample(
        "u1",
        Metric.HEART_RATE,
        40,
        day.atTime(15, 0).atZone(OSLO).toInstant(),
        null,
        null,
        "garmin",
        "venu",
        DeviceType.WATCH);
    Instant noon = day.atTime(12, 0).atZone(OSLO).toInstant();
    bronze
        .entry("m1", "u1", "meal", noon, null, "{\"calories\":640,\"protein_g\":32}")
        .entry(
            "m2",
            "u1",
            "meal",
            noon.plusSeconds(7200),
            null,
            "{\"calories\":210.5,\"protein_g\":4.5}")
        .entry("d1", "u1", "mood", noon, null, "{\"score\":2}")
        .entry("d2", "u1", "mood", noon, null, "{\"score\":5}");

    // when
    Row row = day(spark, bronze, "u1", day);

    // then
    assertThat(Duration.between(day.atStartOfDay(OSLO), end).toHours())
        .isEqualTo(hours)
        .isEqualTo(23);
    assertThat(row.<Long>getAs("steps")).isEqualTo(steps);
    assertThat(row.<Double>getAs("coverage")).isEqualTo(1.0);
    assertThat(row.<Double>getAs("resting_hr"))
        .isCloseTo(percentile(night, DailyMetricsAggregator.NIGHT_PERCENTILE), within(1e-9));
    assertThat(row.<Double>getAs("sleep_minutes")).isEqualTo(420.0);
    assertThat(row.<Double>getAs("sleep_efficiency"))
        .isEqualTo(420.0 / Duration.between(bed, wake).toMinutes());
    assertThat(row.<Double>getAs("energy_in_kcal")).isEqualTo(640 + 210.5);
    assertThat(row.<Double>getAs("protein_g")).isEqualTo(32 + 4.5);
    assertThat(row.<Double>getAs("mood")).isEqualTo((2 + 5) / 2.0);
    assertThat(row.getList(row.fieldIndex("sources"))).containsExactly("garmin");
    assertThat(row.<java.sql.Timestamp>getAs("computed_at").toInstant()).isEqualTo(COMPUTED_AT);
  }

  @Test
  void countsEveryRepeatedNightReadingOfEverySourceInTheRestingHeartRate(SparkSession spark) {
    // given a night from 22:30 to 06:30 UTC with heart rate every 5 minutes from a watch and,
    // 150 s later, from a ring; both read 47 five times in the evening (the lowest ten readings,
    // from the day before, counted for the night), then other values, many of them repeated;
    // lower daytime readings, and rMSSD from both sources
    LocalDate day = LocalDate.of(2025, 6, 10);
    Instant bed = day.minusDays(1).atTime(22, 30).toInstant(ZoneOffset.UTC);
    Instant wake = day.atTime(6, 30).toInstant(ZoneOffset.UTC);
    BronzeRows bronze =
        new BronzeRows()
            .sample(
                "u1",
                Metric.SLEEP_SESSION,
                480,
                bed,
                wake,
                ZoneOffset.UTC,
                "garmin",
                "venu",
                DeviceType.WATCH);
    List<Double> night = new ArrayList<>();
    int i = 0;
    for (Instant t = bed; t.isBefore(wake); t = t.plusSeconds(300), i++) {
      double watch = i < 5 ? 47 : 50 + (i * 7) % 23;
      double ring = i < 5 ? 47 : 52 + (i * 5) % 19;
      watch(bronze, Metric.HEART_RATE, watch, t);
      ring(bronze, Metric.HEART_RATE, ring, t.plusSeconds(150));
      night.add(watch);
      night.add(ring);
    }
    Instant afternoon = day.atTime(15, 0).toInstant(ZoneOffset.UTC);
    List<Double> rmssd = List.of(41.3, 55.1, 38.9);
    watch(bronze, Metric.HEART_RATE, 40, afternoon);
    ring(bronze, Metric.HEART_RATE, 40, afternoon.plusSeconds(30));
    watch(bronze, Metric.HRV_RMSSD, rmssd.get(0), wake);
    for (int r = 1; r < rmssd.size(); r++) {
      ring(bronze, Metric.HRV_RMSSD, rmssd.get(r), wake.plusSeconds(60L * r));
    }

    // when
    Row row = day(spark, bronze, "u1", day);

    // then every reading counts as often as it was measured, whichever source and day it is on
    double expected = percentile(night, DailyMetricsAggregator.NIGHT_PERCENTILE);
    assertThat(expected)
        .isNotEqualTo(
            percentile(night.stream().distinct().toList(), DailyMetricsAggregator.NIGHT_PERCENTILE))
        .isNotEqualTo(
            percentile(night.subList(10, night.size()), DailyMetricsAggregator.NIGHT_PERCENTILE));
    assertThat(row.<Double>getAs("resting_hr")).isCloseTo(expected, within(1e-9));
    // a mean of sums added in another order than the rows: equal up to rounding
    assertThat(row.<Double>getAs("hrv_rmssd_ms"))
        .isCloseTo(
            rmssd.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), within(1e-9));
    assertThat(row.getList(row.fieldIndex("sources"))).containsExactly("garmin", "oura");
  }

  @Test
  void countsEveryRepeatedEarlyReadingOfEverySourceWhenThereIsNoSleepSession(SparkSession spark) {
    // given no sleep session; heart rate every 10 minutes from 00:00 to 06:00 from a watch and,
    // 5 minutes later, from a ring, both reading 45 twice (the lowest four of the 72 readings) and
    // repeating other values; lower readings in the evening before and during the day
    LocalDate day = LocalDate.of(2025, 6, 11);
    Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    BronzeRows bronze = new BronzeRows();
    List<Double> early = new ArrayList<>();
    for (int i = 0; i < 36; i++) {
      Instant t = midnight.plusSeconds(600L * i);
      double watch = i % 18 == 3 ? 45 : 49 + i % 7;
      double ring = i % 18 == 9 ? 45 : 51 + i % 5;
      watch(bronze, Metric.HEART_RATE, watch, t);
      ring(bronze, Metric.HEART_RATE, ring, t.plusSeconds(300));
      early.add(watch);
      early.add(ring);
    }
    for (Instant t : List.of(midnight.minusSeconds(1800), midnight.plusSeconds(9 * 3600))) {
      watch(bronze, Metric.HEART_RATE, 41, t);
    }

    // when
    Row row = day(spark, bronze, "u1", day);

    // then
    double expected = percentile(early, DailyMetricsAggregator.NIGHT_PERCENTILE);
    assertThat(expected)
        .isNotEqualTo(
            percentile(
                early.stream().distinct().toList(), DailyMetricsAggregator.NIGHT_PERCENTILE));
    assertThat(row.<Double>getAs("resting_hr")).isCloseTo(expected, within(1e-9));
    assertThat(row.getList(row.fieldIndex("sources"))).containsExactly("garmin", "oura");
  }

  @Test
  void takesNoRestingHeartRateFromEarlyHoursHoldingOnlyAWorkout(SparkSession spark) {
    // given no sleep session and no reported resting heart rate; the early hours hold only a run
    // after midnight, and the night after holds a calm reading
    LocalDate day = LocalDate.of(2025, 6, 13);
    Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    BronzeRows bronze = new BronzeRows();
    List<Double> run = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      double bpm = 155 + i;
      watch(bronze, Metric.HEART_RATE, bpm, midnight.plusSeconds(300L * i));
      run.add(bpm);
    }
    watch(bronze, Metric.HEART_RATE, 50, midnight.plusSeconds(86_400 + 3_600));

    // when
    Row row = day(spark, bronze, "u1", day);
    Row next = day(spark, bronze, "u1", day.plusDays(1));

    // then: the run's 5th percentile is above any resting heart rate, so the day has none
    assertThat(percentile(run, DailyMetricsAggregator.NIGHT_PERCENTILE))
        .isGreaterThan(Metric.RESTING_HEART_RATE.range().max());
    assertThat(row.<Double>getAs("resting_hr")).isNull();
    assertThat(row.<Double>getAs("coverage")).isEqualTo(1 / 24.0);
    assertThat(next.<Double>getAs("resting_hr")).isEqualTo(50.0);
  }

  @Test
  void leavesAnEarlyRunOutOfTheRestingHeartRateWhenThereIsNoSleepSession(SparkSession spark) {
    // given no sleep session; calm heart rate (50-55) every 10 minutes from 00:00 to 05:00, and a
    // run from 05:00 to 05:45 with heart rate of 150 every 30 seconds
    LocalDate day = LocalDate.of(2025, 6, 16);
    Instant runStart = day.atTime(5, 0).toInstant(ZoneOffset.UTC);
    Instant runEnd = day.atTime(5, 45).toInstant(ZoneOffset.UTC);
    BronzeRows bronze = new BronzeRows();
    watchWorkout(bronze, "u1", runStart, runEnd);
    List<Double> calm = new ArrayList<>();
    List<Double> early = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      double bpm = 50 + i % 6;
      watch(
          bronze,
          Metric.HEART_RATE,
          bpm,
          day.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(600L * i));
      calm.add(bpm);
      early.add(bpm);
    }
    for (Instant t = runStart; t.isBefore(runEnd); t = t.plusSeconds(30)) {
      watch(bronze, Metric.HEART_RATE, 150, t);
      early.add(150.0);
    }

    // when
    Row row = day(spark, bronze, "u1", day);

    // then the calm readings alone make the resting heart rate; with the run's, the percentile
    // would be another value that still passes for a resting heart rate
    double expected = percentile(calm, DailyMetricsAggregator.NIGHT_PERCENTILE);
    double withRun = percentile(early, DailyMetricsAggregator.NIGHT_PERCENTILE);
    assertThat(withRun)
        .isNotEqualTo(expected)
        .isBetween(
            Metric.RESTING_HEART_RATE.range().min(), Metric.RESTING_HEART_RATE.range().max());
    assertThat(row.<Double>getAs("resting_hr")).isCloseTo(expected, within(1e-9));
  }

  @Test
  void leavesReadingsOfWorkoutsOverlappingTheSleepSessionOutOfTheRestingHeartRate(
      SparkSession spark) {
    // given a session from 23:00 to 05:30 UTC; a workout the evening before, 22:30 to 23:30, and a
    // run from 05:15 to 06:00, each overlapping it; calm heart rate every 5 minutes from 22:00 to
    // 06:00 and, during the workouts, higher heart rate every 30 seconds
    LocalDate day = LocalDate.of(2025, 6, 17);
    Instant bed = day.minusDays(1).atTime(23, 0).toInstant(ZoneOffset.UTC);
    Instant wake = day.atTime(5, 30).toInstant(ZoneOffset.UTC);
    List<Instant[]> workouts =
        List.of(
            new Instant[] {
              day.minusDays(1).atTime(22, 30).toInstant(ZoneOffset.UTC),
              day.minusDays(1).atTime(23, 30).toInstant(ZoneOffset.UTC)
            },
            new Instant[] {wake.minusSeconds(900), day.atTime(6, 0).toInstant(ZoneOffset.UTC)});
    BronzeRows bronze = new BronzeRows();
    watch(bronze, Metric.SLEEP_SESSION, 360, bed, wake);
    for (Instant[] w : workouts) {
      watchWorkout(bronze, "u1", w[0], w[1]);
    }
    List<Double> asleep = new ArrayList<>();
    List<Double> inSession = new ArrayList<>();
    Instant from = day.minusDays(1).atTime(22, 0).toInstant(ZoneOffset.UTC);
    Instant to = day.atTime(6, 0).toInstant(ZoneOffset.UTC);
    int i = 0;
    for (Instant t = from; t.isBefore(to); t = t.plusSeconds(30), i++) {
      boolean during = false;
      for (Instant[] w : workouts) {
        during |= !t.isBefore(w[0]) && t.isBefore(w[1]);
      }
      if (!during && i % 10 != 0) {
        continue;
      }
      double bpm = during ? 120 + i % 15 : 48 + (i * 7) % 13;
      watch(bronze, Metric.HEART_RATE, bpm, t);
      if (!t.isBefore(bed) && t.isBefore(wake)) {
        inSession.add(bpm);
        if (!during) {
          asleep.add(bpm);
        }
      }
    }

    // when
    Row row = day(spark, bronze, "u1", day);

    // then
    double expected = percentile(asleep, DailyMetricsAggregator.NIGHT_PERCENTILE);
    assertThat(percentile(inSession, DailyMetricsAggregator.NIGHT_PERCENTILE))
        .isNotEqualTo(expected);
    assertThat(row.<Double>getAs("resting_hr")).isCloseTo(expected, within(1e-9));
    assertThat(row.<Double>getAs("sleep_minutes")).isEqualTo(360.0);
  }

  @Test
  void leavesOutEarlyReadingsOfAWorkoutThatStartedTheDayBefore(SparkSession spark) {
    // given no sleep session; a workout from 23:40 to 00:40 UTC with heart rate of 110 every
    // 30 seconds, and calm readings every 10 minutes from 00:40 to 06:00
    LocalDate day = LocalDate.of(2025, 6, 18);
    Instant start = day.minusDays(1).atTime(23, 40).toInstant(ZoneOffset.UTC);
    Instant end = day.atTime(0, 40).toInstant(ZoneOffset.UTC);
    BronzeRows bronze = new BronzeRows();
    watchWorkout(bronze, "u1", start, end);
    List<Double> calm = new ArrayList<>();
    List<Double> early = new ArrayList<>();
    for (Instant t = start; t.isBefore(end); t = t.plusSeconds(30)) {
      watch(bronze, Metric.HEART_RATE, 110, t);
      if (!t.isBefore(day.atStartOfDay().toInstant(ZoneOffset.UTC))) {
        early.add(110.0);
      }
    }
    int i = 0;
    for (Instant t = end; t.isBefore(day.atTime(6, 0).toInstant(ZoneOffset.UTC)); i++) {
      double bpm = 52 + (i * 5) % 9;
      watch(bronze, Metric.HEART_RATE, bpm, t);
      calm.add(bpm);
      early.add(bpm);
      t = t.plusSeconds(600);
    }

    // when
    Row row = day(spark, bronze, "u1", day);

    // then
    double expected = percentile(calm, DailyMetricsAggregator.NIGHT_PERCENTILE);
    assertThat(percentile(early, DailyMetricsAggregator.NIGHT_PERCENTILE)).isNotEqualTo(expected);
    assertThat(row.<Double>getAs("resting_hr")).isCloseTo(expected, within(1e-9));
  }

  @Test
  void leavesOutOnlyReadingsDuringTheUsersOwnWorkouts(SparkSession spark) {
    // given two users with the same early readings: calm every 10 minutes from 00:00 to 05:00,
    // then 95 every 30 seconds from 05:00 to 05:45; only u2 logged a workout then
    LocalDate day = LocalDate.of(2025, 6, 19);
    Instant walkStart = day.atTime(5, 0).toInstant(ZoneOffset.UTC);
    Instant walkEnd = day.atTime(5, 45).toInstant(ZoneOffset.UTC);
    BronzeRows bronze = new BronzeRows();
    watchWorkout(bronze, "u2", walkStart, walkEnd);
    List<Double> calm = new ArrayList<>();
    List<Double> early = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      double bpm = 50 + i % 6;
      Instant t = day.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(600L * i);
      for (String user : List.of("u1", "u2")) {
        userWatch(bronze, user, Metric.HEART_RATE, bpm, t);
      }
      calm.add(bpm);
      early.add(bpm);
    }
    for (Instant t = walkStart; t.isBefore(walkEnd); t = t.plusSeconds(30)) {
      for (String user : List.of("u1", "u2")) {
        userWatch(bronze, user, Metric.HEART_RATE, 95, t);
      }
      early.add(95.0);
    }

    // when
    Row withoutWorkout = day(spark, bronze, "u1", day);
    Row withWorkout = day(spark, bronze, "u2", day);

    // then u2's workout leaves u2's readings out, and none of u1's
    double all = percentile(early, DailyMetricsAggregator.NIGHT_PERCENTILE);
    double calmOnly = percentile(calm, DailyMetricsAggregator.NIGHT_PERCENTILE);
    assertThat(all).isNotEqualTo(calmOnly);
    assertThat(withoutWorkout.<Double>getAs("resting_hr")).isCloseTo(all, within(1e-9));
    assertThat(withWorkout.<Double>getAs("resting_hr")).isCloseTo(calmOnly, within(1e-9));
  }

  @Test
  void prefersReportedRestingHeartRateAndCountsPartialCoverage(SparkSession spark) {
    // given steps in 6 of the 24 hours of a plain UTC day and two reported resting heart rates
    LocalDate day = LocalDate.of(2025, 6, 12);
    Instant midnight = day.atStartOfDay(ZoneId.of("UTC")).toInstant();
    BronzeRows bronze = new BronzeRows();
    for (int h = 8; h < 14; h++) {
      Instant t = midnight.plusSeconds(h * 3600L + 120);
      bronze.sample(
          "u1",
          Metric.STEPS,
          250,
          t,
          t.plusSeconds(60),
          java.time.ZoneOffset.UTC,
          "fitbit",
          "charge",
          DeviceType.WATCH);
    }
    bronze.sample(
        "u1",
        Metric.RESTING_HEART_RATE,
        52,
        midnight.plusSeconds(3600),
        null,
        java.time.ZoneOffset.UTC,
        "fitbit",
        "charge",
        DeviceType.WATCH);
    bronze.sample(
        "u1",
        Metric.RESTING_HEART_RATE,
        55,
        midnight.plusSeconds(7200),
        null,
        java.time.ZoneOffset.UTC,
        "oura",
        "ring",
        DeviceType.RING);

    // when
    Row row = day(spark, bronze, "u1", day);

    // then
    assertThat(row.<Long>getAs("steps")).isEqualTo(6 * 250L);
    // the steps cover hours 8-13 and the two resting readings hours 1 and 2
    assertThat(row.<Double>getAs("coverage")).isEqualTo((6 + 2) / 24.0);
    assertThat(row.<Double>getAs("resting_hr")).isEqualTo((52 + 55) / 2.0);
    assertThat(row.getList(row.fieldIndex("sources"))).containsExactly("fitbit", "oura");
    assertThat(row.<Double>getAs("sleep_minutes")).isNull();
  }

  @Test
  void countsAStepRowCrossingMidnightOnlyInItsOwnDaysLastHour(SparkSession spark) {
    // given one UTC step row from 23:55 to 00:05
    LocalDate day = LocalDate.of(2025, 6, 13);
    Instant start = day.atTime(23, 55).toInstant(ZoneOffset.UTC);
    BronzeRows bronze = new BronzeRows();
    bronze.sample(
        "u1",
        Metric.STEPS,
        80,
        start,
        start.plusSeconds(600),
        ZoneOffset.UTC,
        "garmin",
        "venu",
        DeviceType.WATCH);

    // when
    Row row = day(spark, bronze, "u1", day);

    // then hour 23 of its day, not hour 0 of the next
    assertThat(row.<Double>getAs("coverage")).isEqualTo(1 / 24.0);
  }

  @Test
  void countsTwoReadingsInOneLocalHourOfAHalfHourZoneAsOneHour(SparkSession spark) {
    // given a Kolkata profile (+05:30) and heart rate at 10:15 and 10:45 local, which are in two
    // UTC hours (04:45 and 05:15)
    ZoneId kolkata = ZoneId.of("Asia/Kolkata");
    LocalDate day = LocalDate.of(2025, 6, 14);
    BronzeRows bronze = new BronzeRows().profile("u1", kolkata.getId(), Instant.EPOCH);
    for (int minute : List.of(15, 45)) {
      bronze.sample(
          "u1",
          Metric.HEART_RATE,
          60,
          day.atTime(10, minute).atZone(kolkata).toInstant(),
          null,
          null,
          "garmin",
          "venu",
          DeviceType.WATCH);
    }

    // when
    Row row = day(spark, bronze, "u1", day);

    // then
    assertThat(row.<Double>getAs("coverage")).isEqualTo(1 / 24.0);
  }

  @Test
  void countsAWorkoutCrossingMidnightOnlyUpToMidnight(SparkSession spark) {
    // given a UTC workout from 23:30 to 00:30 and a heart rate reading at noon
    LocalDate day = LocalDate.of(2025, 6, 15);
    Instant start = day.atTime(23, 30).toInstant(ZoneOffset.UTC);
    BronzeRows bronze = new BronzeRows();
    bronze.sample(
        "u1",
        Metric.WORKOUT,
        60,
        start,
        start.plusSeconds(3600),
        ZoneOffset.UTC,
        "garmin",
        "venu",
        DeviceType.WATCH);
    watch(bronze, Metric.HEART_RATE, 70, day.atTime(12, 0).toInstant(ZoneOffset.UTC));

    // when
    Row row = day(spark, bronze, "u1", day);

    // then hours 12 and 23
    assertThat(row.<Double>getAs("coverage")).isEqualTo(2 / 24.0);
  }

  @Test
  void countsEachElapsedHourOfTheFallBackDayIncludingTheRepeatedOne(SparkSession spark) {
    // given the Oslo fall-back day (25 hours) with a minute of steps in every elapsed hour, and
    // on the spring-forward day (23 hours) only the two hours around the skipped one
    LocalDate fallBack = LocalDate.of(2025, 10, 26);
    LocalDate springForward = LocalDate.of(2025, 3, 30);
    BronzeRows bronze = new BronzeRows().profile("u1", OSLO.getId(), Instant.EPOCH);
    Instant end = fallBack.plusDays(1).atStartOfDay(OSLO).toInstant();
    int hours = 0;
    for (Instant t = fallBack.atStartOfDay(OSLO).toInstant();
        t.isBefore(end);
        t = t.plusSeconds(3600)) {
      bronze.sample(
          "u1", Metric.STEPS, 10, t, t.plusSeconds(60), null, "garmin", "venu", DeviceType.WATCH);
      hours++;
    }
    for (int hour : List.of(1, 3)) {
      Instant t = springForward.atTime(hour, 10).atZone(OSLO).toInstant();
      bronze.sample(
          "u1", Metric.STEPS, 10, t, t.plusSeconds(60), null, "garmin", "venu", DeviceType.WATCH);
    }
    double springHours =
        Duration.between(
                springForward.atStartOfDay(OSLO), springForward.plusDays(1).atStartOfDay(OSLO))
            .toHours();

    // when
    Row fall = day(spark, bronze, "u1", fallBack);
    Row spring = day(spark, bronze, "u1", springForward);

    // then
    assertThat(hours).isEqualTo(25);
    assertThat(fall.<Double>getAs("coverage")).isEqualTo(1.0);
    assertThat(spring.<Double>getAs("coverage")).isEqualTo(2 / springHours);
  }

  /** A reading of user u1's watch (garmin venu), in UTC. */
  private static void watch(BronzeRows bronze, Metric metric, double value, Instant at) {
    bronze.sample(
        "u1", metric, value, at, null, ZoneOffset.UTC, "garmin", "venu", DeviceType.WATCH);
  }

  /** An interval of user u1's watch (garmin venu), in UTC. */
  private static void watch(
      BronzeRows bronze, Metric metric, double value, Instant start, Instant end) {
    bronze.sample(
        "u1", metric, value, start, end, ZoneOffset.UTC, "garmin", "venu", DeviceType.WATCH);
  }

  /** A reading of {@code user}'s watch (garmin venu), in UTC. */
  private static void userWatch(
      BronzeRows bronze, String user, Metric metric, double value, Instant at) {
    bronze.sample(
        user, metric, value, at, null, ZoneOffset.UTC, "garmin", "venu", DeviceType.WATCH);
  }

  /** A workout of {@code user}'s watch from {@code start} to {@code end}, in UTC. */
  private static void watchWorkout(BronzeRows bronze, String user, Instant start, Instant end) {
    bronze.sample(
        user,
        Metric.WORKOUT,
        Duration.between(start, end).toMinutes(),
        start,
        end,
        ZoneOffset.UTC,
        "garmin",
        "venu",
        DeviceType.WATCH);
  }

  /** A reading of user u1's ring (oura), in UTC. */
  private static void ring(BronzeRows bronze, Metric metric, double value, Instant at) {
    bronze.sample("u1", metric, value, at, null, ZoneOffset.UTC, "oura", "ring", DeviceType.RING);
  }
}
