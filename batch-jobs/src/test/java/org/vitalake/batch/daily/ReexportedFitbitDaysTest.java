package org.vitalake.batch.daily;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

/**
 * A Fitbit export uploaded again later, after the device synced more: the second upload holds the
 * days of the first, the last of them with a larger total. The natural key covers the value, so
 * bronze holds both versions of that day; silver and gold must count the later one, once.
 *
 * <p>The rows are built from PMData's and Shimmer's real Fitbit files the way the {@code
 * fitbit-json} importer maps them ({@code FitbitWebApiImporterTest} pins that mapping: a day total
 * runs from the local midnight in the import's zone, carries that offset, source {@code fitbit}, no
 * device, a watch), then normalized and aggregated as the nightly pipeline does.
 */
@ExtendWith(SharedSparkSession.class)
class ReexportedFitbitDaysTest {

  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant COMPUTED_AT = Instant.parse("2026-01-01T04:00:00Z");

  private static Path shared(String relative) {
    return Path.of(System.getProperty("vitalake.shared.data")).resolve(relative);
  }

  /** The local date of a Fitbit time ({@code 2019-11-02 00:09:30}, or only the date). */
  private static LocalDate date(String text) {
    return LocalDate.parse(text.substring(0, 10));
  }

  private static ZonedDateTime zoned(String text) {
    String iso = text.strip().replace(' ', 'T');
    return iso.length() == 10
        ? LocalDate.parse(iso).atStartOfDay(OSLO)
        : LocalDateTime.parse(iso).atZone(OSLO);
  }

  /** One Fitbit row as the importer maps it, read in Oslo time. */
  private static void fitbit(
      BronzeRows bronze, Metric metric, double value, ZonedDateTime start, ZonedDateTime end) {
    bronze.sample(
        "p",
        metric,
        value,
        start.toInstant(),
        end.toInstant(),
        start.getOffset(),
        "fitbit",
        null,
        DeviceType.WATCH);
  }

  private static Dataset<Row> silver(SparkSession spark, BronzeRows bronze) {
    return SampleNormalizer.normalize(
            bronze.samples(spark), SampleNormalizer.latestTimeZones(bronze.profiles(spark)))
        .cache();
  }

  /** {@code gold.daily_metrics} of {@code silver}, by day. */
  private static Map<LocalDate, Row> gold(SparkSession spark, BronzeRows bronze, Dataset<Row> s) {
    Dataset<Row> zones = SampleNormalizer.latestTimeZones(bronze.profiles(spark));
    Dataset<Row> journal = JournalTyper.prepare(bronze.entries(spark), zones);
    DailyMetricsAggregator.Inputs inputs =
        new DailyMetricsAggregator.Inputs(
            s,
            SleepSessionBuilder.build(s),
            WorkoutBuilder.build(s),
            JournalTyper.meals(journal),
            JournalTyper.moods(journal),
            JournalTyper.activities(journal),
            zones);
    Map<LocalDate, Row> byDay = new TreeMap<>();
    for (Row r : DailyMetricsAggregator.aggregate(inputs, COMPUTED_AT).collectAsList()) {
      byDay.put(r.<java.sql.Date>getAs("local_date").toLocalDate(), r);
    }
    return byDay;
  }

  /** The silver rows of {@code metric}, by local day. */
  private static Map<LocalDate, List<Double>> silverValues(Dataset<Row> silver, Metric metric) {
    Map<LocalDate, List<Double>> byDay = new TreeMap<>();
    for (Row r : silver.where(col("metric").equalTo(metric.code())).collectAsList()) {
      byDay
          .computeIfAbsent(
              r.<java.sql.Date>getAs("local_date").toLocalDate(), d -> new ArrayList<>())
          .add(r.<Double>getAs("value"));
    }
    return byDay;
  }

  private static Map<LocalDate, Double> sumPerDay(Map<LocalDate, List<Double>> values) {
    Map<LocalDate, Double> sums = new TreeMap<>();
    values.forEach((d, v) -> sums.put(d, v.stream().mapToDouble(Double::doubleValue).sum()));
    return sums;
  }

  @Test
  void countsTheActiveMinutesOfADayExportedTwiceOnceWithTheLaterTotal(SparkSession spark)
      throws IOException {
    // given p01's very and moderately active minutes per day (the importer adds the two files up)
    Path p01 = shared("pmdata/p01/fitbit");
    TreeMap<LocalDate, double[]> days = new TreeMap<>();
    String[] files = {"very_active_minutes.json", "moderately_active_minutes.json"};
    for (int f = 0; f < files.length; f++) {
      for (JsonNode day : JSON.readTree(p01.resolve(files[f]).toFile())) {
        days.computeIfAbsent(date(day.get("dateTime").asText()), d -> new double[2])[f] =
            Double.parseDouble(day.get("value").asText());
      }
    }
    // and a first export taken at 14:00 on the 20th day, when the device had synced about half of
    // that day's minutes; the second export, months later, holds every day in full
    LocalDate exported = new ArrayList<>(days.keySet()).get(19);
    double[] full = days.get(exported);
    double partial = Math.floor(full[0] / 2) + Math.floor(full[1] / 2);
    assertThat(partial).isLessThan(full[0] + full[1]);
    BronzeRows bronze =
        new BronzeRows()
            .profile("p", OSLO.getId(), Instant.EPOCH)
            .delivery(exported.atTime(14, 0).atZone(OSLO).toInstant());
    for (Map.Entry<LocalDate, double[]> day : days.headMap(exported, true).entrySet()) {
      double minutes =
          day.getKey().equals(exported) ? partial : day.getValue()[0] + day.getValue()[1];
      ZonedDateTime start = day.getKey().atStartOfDay(OSLO);
      fitbit(bronze, Metric.ACTIVE_MINUTES, minutes, start, start.plusDays(1));
    }
    bronze.delivery(Instant.parse("2020-04-02T10:00:00Z"));
    Map<LocalDate, Double> expected = new TreeMap<>();
    for (Map.Entry<LocalDate, double[]> day : days.entrySet()) {
      double minutes = day.getValue()[0] + day.getValue()[1];
      ZonedDateTime start = day.getKey().atStartOfDay(OSLO);
      fitbit(bronze, Metric.ACTIVE_MINUTES, minutes, start, start.plusDays(1));
      expected.put(day.getKey(), minutes);
    }

    // when
    Dataset<Row> silver = silver(spark, bronze);
    Map<LocalDate, List<Double>> silverRows = silverValues(silver, Metric.ACTIVE_MINUTES);
    Map<LocalDate, Row> gold = gold(spark, bronze, silver);

    // then one silver row a day, the re-exported day's with the later total, and gold the same
    assertThat(silverRows).hasSameSizeAs(expected).allSatisfy((d, v) -> assertThat(v).hasSize(1));
    assertThat(sumPerDay(silverRows)).isEqualTo(expected);
    assertThat(silverRows.get(exported)).containsExactly(full[0] + full[1]);
    Map<LocalDate, Double> goldMinutes = new TreeMap<>();
    gold.forEach((d, r) -> goldMinutes.put(d, r.<Double>getAs("active_minutes")));
    assertThat(goldMinutes).isEqualTo(expected);
  }

  @Test
  void countsTheMinuteStepsOfADayExportedTwiceOnceWithTheLaterCounts(SparkSession spark)
      throws IOException {
    // given p03's minute steps of its first three days (zero minutes carry nothing: the importer
    // drops them), and a first export taken at 14:00 on the third day, while the device was still
    // counting the last minute it had synced
    List<JsonNode> minutes = new ArrayList<>();
    LocalDate first = null;
    for (JsonNode minute : JSON.readTree(shared("pmdata/p03/fitbit/steps.json").toFile())) {
      LocalDate day = date(minute.get("dateTime").asText());
      first = first == null ? day : first;
      if (day.isAfter(first.plusDays(2))) {
        break;
      }
      if (Double.parseDouble(minute.get("value").asText()) != 0) {
        minutes.add(minute);
      }
    }
    ZonedDateTime exported = first.plusDays(2).atTime(14, 0).atZone(OSLO);
    List<JsonNode> before =
        minutes.stream().filter(m -> zoned(m.get("dateTime").asText()).isBefore(exported)).toList();
    JsonNode lastSynced = before.get(before.size() - 1);
    double lastPartial = Math.floor(Double.parseDouble(lastSynced.get("value").asText()) / 2);
    BronzeRows bronze =
        new BronzeRows().profile("p", OSLO.getId(), Instant.EPOCH).delivery(exported.toInstant());
    for (JsonNode minute : before) {
      ZonedDateTime start = zoned(minute.get("dateTime").asText());
      double steps =
          minute == lastSynced ? lastPartial : Double.parseDouble(minute.get("value").asText());
      fitbit(bronze, Metric.STEPS, steps, start, start.plusMinutes(1));
    }
    bronze.delivery(first.plusDays(5).atStartOfDay(OSLO).toInstant());
    Map<LocalDate, Long> expected = new TreeMap<>();
    for (JsonNode minute : minutes) {
      ZonedDateTime start = zoned(minute.get("dateTime").asText());
      double steps = Double.parseDouble(minute.get("value").asText());
      fitbit(bronze, Metric.STEPS, steps, start, start.plusMinutes(1));
      expected.merge(start.toLocalDate(), (long) steps, Long::sum);
    }

    // when
    Dataset<Row> silver = silver(spark, bronze);
    Map<LocalDate, Row> gold = gold(spark, bronze, silver);

    // then every minute once, the last synced one with its later count
    assertThat(silver.where(col("metric").equalTo(Metric.STEPS.code())).count())
        .isEqualTo(minutes.size());
    Map<LocalDate, Long> goldSteps = new TreeMap<>();
    gold.forEach((d, r) -> goldSteps.put(d, r.<Long>getAs("steps")));
    assertThat(goldSteps).isEqualTo(expected);
  }

  @Test
  void countsTheDailyStepsOfADayTheWebApiSendsTwiceOnceWithTheLaterTotal(SparkSession spark)
      throws IOException {
    // given the recorded activities-steps time series (daily totals, no intraday), fetched once
    // at noon of its second day, when that day had half its steps, and again days later
    JsonNode series =
        JSON.readTree(
                shared(
                        "vendor-api-fixtures/shim-server/src/test/resources/org/openmhealth/shim"
                            + "/fitbit/mapper/fitbit-activities-steps-timeseries.json")
                    .toFile())
            .get("activities-steps");
    LocalDate second = date(series.get(1).get("dateTime").asText());
    double secondFull = Double.parseDouble(series.get(1).get("value").asText());
    BronzeRows bronze =
        new BronzeRows()
            .profile("p", OSLO.getId(), Instant.EPOCH)
            .delivery(second.atTime(12, 0).atZone(OSLO).toInstant());
    Map<LocalDate, Long> expected = new TreeMap<>();
    for (int fetch = 0; fetch < 2; fetch++) {
      for (JsonNode day : series) {
        ZonedDateTime start = zoned(day.get("dateTime").asText());
        double steps = Double.parseDouble(day.get("value").asText());
        if (fetch == 0 && start.toLocalDate().isAfter(second)) {
          continue;
        }
        if (fetch == 0 && start.toLocalDate().equals(second)) {
          steps = Math.floor(steps / 2);
        }
        // the importer's daily series spans 24 hours from the local midnight
        fitbit(bronze, Metric.STEPS, steps, start, start.plus(Duration.ofDays(1)));
        expected.put(start.toLocalDate(), (long) steps);
      }
      bronze.delivery(second.plusDays(5).atStartOfDay(OSLO).toInstant());
    }

    // when
    Dataset<Row> silver = silver(spark, bronze);
    Map<LocalDate, Row> gold = gold(spark, bronze, silver);

    // then
    assertThat(silverValues(silver, Metric.STEPS).get(second)).containsExactly(secondFull);
    Map<LocalDate, Long> goldSteps = new TreeMap<>();
    gold.forEach((d, r) -> goldSteps.put(d, r.<Long>getAs("steps")));
    assertThat(goldSteps).isEqualTo(expected).containsEntry(second, (long) secondFull);
  }
}
