package org.vitalake.batch.normalize;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vitalake.batch.fixture.BronzeRows;
import org.vitalake.batch.spark.SharedSparkSession;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;

/** How the resolve pass groups rows in time: local hours, and groups spanning two local days. */
@ExtendWith(SharedSparkSession.class)
class SampleResolverTest {

  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  private static Dataset<Row> normalize(SparkSession spark, BronzeRows bronze) {
    return SampleNormalizer.normalize(
        bronze.samples(spark), SampleNormalizer.latestTimeZones(bronze.profiles(spark)));
  }

  private static Map<LocalDate, Double> perDay(Dataset<Row> silver, Metric metric) {
    Map<LocalDate, Double> perDay = new TreeMap<>();
    for (Row r : silver.where(col("metric").equalTo(metric.code())).collectAsList()) {
      perDay.merge(
          r.<java.sql.Date>getAs("local_date").toLocalDate(),
          r.<Double>getAs("value"),
          Double::sum);
    }
    return perDay;
  }

  @Test
  void replacesAHalfHourZonesHourlyTotalByTheMinuteRowsOfThatLocalHourOnly(SparkSession spark) {
    // given a Kolkata (+05:30) profile and one Fitbit watch series without offsets: hourly totals
    // for 10:00-11:00 and 11:00-12:00 local, and minute rows for 10:30-10:59 local, which lie in
    // the UTC hour of 11:00 local's start (05:00-06:00 UTC), not of 10:00 local's (04:00-05:00)
    LocalDate day = LocalDate.of(2025, 6, 2);
    Instant ten = day.atTime(10, 0).atZone(KOLKATA).toInstant();
    Instant eleven = ten.plusSeconds(3600);
    BronzeRows bronze =
        new BronzeRows()
            .profile("u1", KOLKATA.getId(), Instant.EPOCH)
            .chargeSteps("u1", 600, ten, eleven, null)
            .chargeSteps("u1", 2000, eleven, eleven.plusSeconds(3600), null);
    double minutes = 0;
    for (int m = 30; m < 60; m++) {
      Instant t = ten.plusSeconds(60L * m);
      bronze.chargeSteps("u1", 10, t, t.plusSeconds(60), null);
      minutes += 10;
    }

    // when
    Map<LocalDate, Double> steps = perDay(normalize(spark, bronze), Metric.STEPS);

    // then the minute rows replace hour 10's total; hour 11 keeps its own
    assertThat(steps).containsExactly(Map.entry(day, minutes + 2000));
  }

  @Test
  void keepsOneHeartRateReadingOfAnInstantThatTwoOffsetsPlaceOnTwoDays(SparkSession spark) {
    // given a London profile (GMT in winter) and, at 23:30 UTC, a chest strap without offset
    // (day D) and a watch that sends +02:00 (day D + 1)
    Instant t = Instant.parse("2025-01-15T23:30:00Z");
    BronzeRows bronze =
        new BronzeRows()
            .profile("u1", LONDON.getId(), Instant.EPOCH)
            .sample(
                "u1", Metric.HEART_RATE, 70, t, null, null, "polar", "h10", DeviceType.CHEST_STRAP)
            .sample(
                "u1",
                Metric.HEART_RATE,
                75,
                t,
                null,
                ZoneOffset.ofHours(2),
                "garmin",
                "venu",
                DeviceType.WATCH);

    // when
    List<Row> rows = normalize(spark, bronze).collectAsList();

    // then only the preferred device's reading, on the day its own placement gives it
    assertThat(rows).hasSize(1);
    Row row = rows.get(0);
    assertThat(row.<Double>getAs("value")).isEqualTo(70.0);
    assertThat(row.<java.sql.Date>getAs("local_date").toLocalDate())
        .isEqualTo(t.atZone(LONDON).toLocalDate());
  }

  @Test
  void neverAddsAWatchAndAPhoneCountingTheSameMinutesWhenTheirOffsetsPlaceThemOnTwoDays(
      SparkSession spark) {
    // given a London profile and ten minutes from 23:30 UTC counted by a watch without offset
    // (day D) and by a phone that sends +02:00 (day D + 1): equal coverage, the watch preferred
    Instant start = Instant.parse("2025-01-15T23:30:00Z");
    BronzeRows bronze = new BronzeRows().profile("u1", LONDON.getId(), Instant.EPOCH);
    double watch = 0;
    for (int m = 0; m < 10; m++) {
      Instant t = start.plusSeconds(60L * m);
      bronze
          .sample(
              "u1",
              Metric.STEPS,
              100,
              t,
              t.plusSeconds(60),
              null,
              "garmin",
              "venu",
              DeviceType.WATCH)
          .sample(
              "u1",
              Metric.STEPS,
              90,
              t,
              t.plusSeconds(60),
              ZoneOffset.ofHours(2),
              "samsung",
              "galaxy",
              DeviceType.PHONE);
      watch += 100;
    }

    // when
    Map<LocalDate, Double> steps = perDay(normalize(spark, bronze), Metric.STEPS);

    // then the watch's minutes alone, on the watch's day
    assertThat(steps).containsExactly(Map.entry(start.atZone(LONDON).toLocalDate(), watch));
  }

  @Test
  void resolvesAHalfHourZonesLocalHourAcrossSourcesThatStraddleAUtcHour(SparkSession spark) {
    // given Kolkata rows with their own +05:30: a watch counting 10:00-10:59 local in minutes
    // (04:30-05:29 UTC) and a phone counting the same local hour in 10-minute rows
    ZoneOffset plus530 = ZoneOffset.ofHoursMinutes(5, 30);
    Instant ten = LocalDateTime.of(2025, 6, 2, 10, 0).toInstant(plus530);
    BronzeRows bronze = new BronzeRows();
    double watch = 0;
    for (int m = 0; m < 60; m++) {
      Instant t = ten.plusSeconds(60L * m);
      bronze.sample(
          "u1",
          Metric.STEPS,
          20 + m,
          t,
          t.plusSeconds(60),
          plus530,
          "garmin",
          "venu",
          DeviceType.WATCH);
      watch += 20 + m;
      if (m % 10 == 0) {
        bronze.sample(
            "u1",
            Metric.STEPS,
            300,
            t,
            t.plusSeconds(600),
            plus530,
            "samsung",
            "galaxy",
            DeviceType.PHONE);
      }
    }

    // when
    Dataset<Row> silver = normalize(spark, bronze);

    // then the watch wins the whole local hour (a tie on coverage), the phone none of it
    assertThat(perDay(silver, Metric.STEPS))
        .containsExactly(Map.entry(LocalDate.of(2025, 6, 2), watch));
    assertThat(silver.select("device").distinct().collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactly("venu");
  }

  @Test
  void countsATotalSentAgainForTheSameIntervalOnceTheLatestReceived(SparkSession spark) {
    // given a watch that re-syncs its day total as the day goes (5,000 at noon, 7,000 in the
    // evening) and corrects one hour of the next day downwards (450, then 400)
    ZoneId utc = ZoneId.of("UTC");
    LocalDate day = LocalDate.of(2025, 6, 3);
    Instant midnight = day.atStartOfDay(utc).toInstant();
    Instant nextMidnight = midnight.plusSeconds(86_400);
    Instant hour = nextMidnight.plusSeconds(10 * 3600);
    BronzeRows bronze =
        new BronzeRows()
            .profile("u1", utc.getId(), Instant.EPOCH)
            .delivery(midnight.plusSeconds(12 * 3600))
            .chargeSteps("u1", 5000, midnight, nextMidnight, ZoneOffset.UTC)
            .delivery(midnight.plusSeconds(21 * 3600))
            .chargeSteps("u1", 7000, midnight, nextMidnight, ZoneOffset.UTC)
            .delivery(hour.plusSeconds(3600))
            .chargeSteps("u1", 450, hour, hour.plusSeconds(3600), ZoneOffset.UTC)
            .delivery(hour.plusSeconds(7200))
            .chargeSteps("u1", 400, hour, hour.plusSeconds(3600), ZoneOffset.UTC);

    // when
    Dataset<Row> silver = normalize(spark, bronze);

    // then
    assertThat(perDay(silver, Metric.STEPS))
        .containsExactly(Map.entry(day, 7000.0), Map.entry(day.plusDays(1), 400.0));
    assertThat(silver.count()).isEqualTo(2);
  }
}
