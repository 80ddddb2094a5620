package org.vitalake.batch.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vitalake.batch.fixture.BronzeRows;
import org.vitalake.batch.spark.SharedSparkSession;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;

@ExtendWith(SharedSparkSession.class)
class WorkoutBuilderTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static List<Row> workouts(SparkSession spark, BronzeRows bronze) {
    Dataset<Row> silver =
        SampleNormalizer.normalize(
            bronze.samples(spark), SampleNormalizer.latestTimeZones(bronze.profiles(spark)));
    return WorkoutBuilder.build(silver).orderBy("start_time").collectAsList();
  }

  @Test
  void keepsOneWorkoutPerStartFromThePreferredDeviceWithTheHeartRateAndEnergyDuringIt(
      SparkSession spark) {
    // given a run recorded by a watch and by a phone with the same start (the phone's copy is
    // longer), heart rate and energy during it and outside it, and a walk the next evening that
    // crosses local midnight, logged without an offset (the profile says New York)
    Instant start = Instant.parse("2025-05-10T10:00:00Z");
    Instant end = start.plusSeconds(45 * 60);
    BronzeRows bronze =
        new BronzeRows()
            .profile("u1", "America/New_York", Instant.EPOCH)
            .sample(
                "u1",
                Metric.WORKOUT,
                42,
                start,
                end,
                ZoneOffset.UTC,
                "garmin",
                "fenix",
                DeviceType.WATCH)
            .sample(
                "u1",
                Metric.WORKOUT,
                44,
                start,
                end.plusSeconds(120),
                ZoneOffset.UTC,
                "apple_health",
                "iPhone15,2",
                DeviceType.PHONE);
    double[] heartRates = {131, 148, 162, 155};
    for (int i = 0; i < heartRates.length; i++) {
      bronze.sample(
          "u1",
          Metric.HEART_RATE,
          heartRates[i],
          start.plusSeconds(600L * i),
          null,
          ZoneOffset.UTC,
          "garmin",
          "fenix",
          DeviceType.WATCH);
    }
    // before the start and at the end instant: not during the run
    bronze.sample(
        "u1",
        Metric.HEART_RATE,
        70,
        start.minusSeconds(60),
        null,
        ZoneOffset.UTC,
        "garmin",
        "fenix",
        DeviceType.WATCH);
    bronze.sample(
        "u1",
        Metric.HEART_RATE,
        99,
        end,
        null,
        ZoneOffset.UTC,
        "garmin",
        "fenix",
        DeviceType.WATCH);
    bronze.sample(
        "u1",
        Metric.ACTIVE_ENERGY,
        210,
        start,
        start.plusSeconds(1800),
        ZoneOffset.UTC,
        "garmin",
        "fenix",
        DeviceType.WATCH);
    bronze.sample(
        "u1",
        Metric.ACTIVE_ENERGY,
        150,
        start.plusSeconds(1800),
        start.plusSeconds(2700),
        ZoneOffset.UTC,
        "garmin",
        "fenix",
        DeviceType.WATCH);
    Instant walk = LocalDate.of(2025, 5, 11).atTime(23, 30).atZone(NEW_YORK).toInstant();
    bronze.sample(
        "u1",
        Metric.WORKOUT,
        60,
        walk,
        walk.plusSeconds(3600),
        null,
        "garmin",
        "fenix",
        DeviceType.WATCH);
    bronze.sample(
        "u1",
        Metric.HEART_RATE,
        101,
        walk.plusSeconds(45 * 60),
        null,
        null,
        "garmin",
        "fenix",
        DeviceType.WATCH);

    // when
    List<Row> rows = workouts(spark, bronze);

    // then
    assertThat(rows).hasSize(2);
    Row run = rows.get(0);
    assertThat(run.<String>getAs("source")).isEqualTo("garmin");
    assertThat(run.<Double>getAs("duration_minutes")).isEqualTo(42.0);
    assertThat(run.<java.sql.Timestamp>getAs("end_time").toInstant()).isEqualTo(end);
    assertThat(run.<java.sql.Date>getAs("local_date").toLocalDate())
        .isEqualTo(LocalDate.of(2025, 5, 10));
    assertThat(run.<Double>getAs("avg_heart_rate"))
        .isCloseTo((131 + 148 + 162 + 155) / 4.0, within(1e-9));
    assertThat(run.<Double>getAs("max_heart_rate")).isEqualTo(162.0);
    assertThat(run.<Double>getAs("energy_kcal")).isEqualTo(210.0 + 150.0);
    assertThat(run.<Double>getAs("distance_m")).isNull();
    assertThat(run.<String>getAs("activity_type")).isNull();
    Row evening = rows.get(1);
    assertThat(evening.<java.sql.Date>getAs("local_date").toLocalDate())
        .isEqualTo(LocalDate.of(2025, 5, 11));
    assertThat(evening.<Double>getAs("max_heart_rate")).isEqualTo(101.0);
    assertThat(evening.<Double>getAs("energy_kcal")).isNull();
  }
}
