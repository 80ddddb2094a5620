package org.vitalake.batch.daily;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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
}
