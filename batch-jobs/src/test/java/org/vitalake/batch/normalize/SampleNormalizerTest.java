package org.vitalake.batch.normalize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
import org.vitalake.batch.spark.SharedSparkSession;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.metric.Unit;
import org.vitalake.core.sample.DeviceType;

@ExtendWith(SharedSparkSession.class)
class SampleNormalizerTest {

  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

  private static Dataset<Row> normalize(SparkSession spark, BronzeRows bronze) {
    return SampleNormalizer.normalize(
        bronze.samples(spark), SampleNormalizer.latestTimeZones(bronze.profiles(spark)));
  }

  private static Map<LocalDate, Long> stepsPerDay(Dataset<Row> silver) {
    Map<LocalDate, Long> perDay = new TreeMap<>();
    for (Row r : silver.where(col("metric").equalTo("steps")).collectAsList()) {
      perDay.merge(
          r.<java.sql.Date>getAs("local_date").toLocalDate(),
          Math.round(r.<Double>getAs("value")),
          Long::sum);
    }
    return perDay;
  }

  @Test
  void placesASampleOnTheDayOfItsOwnOffsetNotTheUtcDay(SparkSession spark) {
    // given 23:30 UTC on 1 March, recorded at +02:00: 01:30 on 2 March local
    Instant start = Instant.parse("2025-03-01T23:30:00Z");
    BronzeRows bronze =
        new BronzeRows()
            .sample(
                "u1",
                Metric.STEPS,
                120,
                start,
                start.plusSeconds(60),
                ZoneOffset.ofHours(2),
                "garmin",
                "fenix",
                DeviceType.WATCH);

    // when
    Row row = normalize(spark, bronze).first();

    // then
    LocalDate expected = start.atOffset(ZoneOffset.ofHours(2)).toLocalDate();
    assertThat(row.<java.sql.Date>getAs("local_date").toLocalDate()).isEqualTo(expected);
    assertThat(row.<Integer>getAs("zone_offset_seconds")).isEqualTo(7200);
    assertThat(row.getList(row.fieldIndex("quality_flags"))).isEmpty();
  }

  @Test
  void usesTheProfileTimeZoneForASampleWithoutOffset(SparkSession spark) {
    // given a sample at 23:30 UTC on a winter day, no offset; the profile says Europe/Oslo (+1)
    Instant start = Instant.parse("2025-01-15T23:30:00Z");
    BronzeRows bronze =
        new BronzeRows()
            .profile("u1", "UTC", Instant.parse("2024-01-01T00:00:00Z"))
            .profile("u1", "Europe/Oslo", Instant.parse("2024-06-01T00:00:00Z"))
            .chargeSteps("u1", 50, start, start.plusSeconds(60), null)
            .chargeSteps("u2", 70, start, start.plusSeconds(60), null);

    // when
    Map<String, Row> byUser = new TreeMap<>();
    normalize(spark, bronze).collectAsList().forEach(r -> byUser.put(r.getAs("user_id"), r));

    // then the latest profile (Oslo) applies to u1; u2 has no profile and falls back to UTC
    Row u1 = byUser.get("u1");
    assertThat(u1.<java.sql.Date>getAs("local_date").toLocalDate())
        .isEqualTo(start.atZone(OSLO).toLocalDate());
    assertThat(u1.<Integer>getAs("zone_offset_seconds"))
        .isEqualTo(OSLO.getRules().getOffset(start).getTotalSeconds());
    assertThat(u1.getList(u1.fieldIndex("quality_flags")))
        .containsExactly(LocalDay.ZONE_FROM_PROFILE);
    Row u2 = byUser.get("u2");
    assertThat(u2.<java.sql.Date>getAs("local_date").toLocalDate())
        .isEqualTo(start.atOffset(ZoneOffset.UTC).toLocalDate());
    assertThat(u2.getList(u2.fieldIndex("quality_flags")))
        .containsExactly(LocalDay.ZONE_ASSUMED_UTC);
  }

  @Test
  void prefersTheSnapshotWithATimeZoneWhenTwoProfilesShareTheLatestUpdateTime(SparkSession spark) {
    // given two snapshots taken at the same instant, one without a time zone, and an older one
    Instant updated = Instant.parse("2024-06-01T00:00:00Z");
    Instant start = Instant.parse("2025-01-15T23:30:00Z");
    BronzeRows bronze =
        new BronzeRows()
            .profile("u1", "UTC", updated.minusSeconds(86_400))
            .profile("u1", null, updated)
            .profile("u1", "Europe/Oslo", updated)
            .chargeSteps("u1", 50, start, start.plusSeconds(60), null);

    // when
    Dataset<Row> zones = SampleNormalizer.latestTimeZones(bronze.profiles(spark));
    Row row = SampleNormalizer.normalize(bronze.samples(spark), zones).first();

    // then the snapshot that knows the zone wins, and the sample is placed with it
    assertThat(zones.collectAsList())
        .extracting(r -> r.<String>getAs("time_zone"))
        .containsExactly("Europe/Oslo");
    assertThat(row.<java.sql.Date>getAs("local_date").toLocalDate())
        .isEqualTo(start.atZone(OSLO).toLocalDate());
    assertThat(row.getList(row.fieldIndex("quality_flags")))
        .containsExactly(LocalDay.ZONE_FROM_PROFILE);
  }

  @Test
  void resolvesEachUserAloneWhenUserIdsShareALongPrefixAndSomeUsersHaveNoProfile(
      SparkSession spark) {
    // given more users with a profile, and more without one, than the pass has partitions (so at
    // least two of each kind share a partition), ids alike in their first 20 characters, and every
    // user's rows at the same instants: a daily steps total, an hour of watch minutes and phone
    // 10-minute rows, and heart rate every minute without an offset, from the watch and every 10th
    // minute also from a chest strap, the first 5 minutes delivered twice
    int perKind = spark.sessionState().conf().numShufflePartitions() + 1;
    Instant midnight = Instant.parse("2025-05-05T00:00:00Z");
    Instant eight = midnight.plusSeconds(8 * 3600);
    BronzeRows bronze = new BronzeRows();
    List<String> users = new ArrayList<>();
    Map<String, Long> expectedSteps = new TreeMap<>();
    Map<String, List<Double>> expectedHeartRate = new TreeMap<>();
    for (int u = 0; u < 2 * perKind; u++) {
      String user = String.format("bench-00000000000000%06d", u);
      users.add(user);
      if (u % 2 == 0) {
        bronze.profile(user, "Europe/Oslo", Instant.EPOCH);
      }
      bronze.chargeSteps(user, 10_000 + u, midnight, midnight.plusSeconds(86_400), ZoneOffset.UTC);
      long steps = 0;
      List<Double> heartRate = new ArrayList<>();
      for (int m = 0; m < 60; m++) {
        Instant t = eight.plusSeconds(60L * m);
        bronze.sample(
            user,
            Metric.STEPS,
            u + m,
            t,
            t.plusSeconds(60),
            ZoneOffset.UTC,
            "garmin",
            "venu",
            DeviceType.WATCH);
        steps += u + m;
        if (m % 10 == 0) {
          bronze.sample(
              user,
              Metric.STEPS,
              500 + u,
              t,
              t.plusSeconds(600),
              ZoneOffset.UTC,
              "garmin",
              "phone",
              DeviceType.PHONE);
        }
        double watch = 60 + (u + m) % 20;
        int copies = m < 5 ? 2 : 1;
        for (int c = 0; c < copies; c++) {
          bronze.sample(
              user, Metric.HEART_RATE, watch, t, null, null, "garmin", "venu", DeviceType.WATCH);
        }
        if (m % 10 == 0) {
          double strap = 100 + u;
          bronze.sample(
              user,
              Metric.HEART_RATE,
              strap,
              t,
              null,
              null,
              "polar",
              "h10",
              DeviceType.CHEST_STRAP);
          heartRate.add(strap);
        } else {
          heartRate.add(watch);
        }
      }
      expectedSteps.put(user, steps);
      expectedHeartRate.put(user, heartRate);
    }
    Dataset<Row> zones = SampleNormalizer.latestTimeZones(bronze.profiles(spark));
    Dataset<Row> samples = bronze.samples(spark);

    // when
    Dataset<Row> silver = SampleNormalizer.normalize(samples, zones).cache();

    // then every user's steps are the watch minutes alone, heart rate one reading a minute from
    // the preferred device, placed with the user's own zone or UTC
    for (int u = 0; u < users.size(); u++) {
      String user = users.get(u);
      Dataset<Row> own = silver.where(col("user_id").equalTo(user));
      assertThat(stepsPerDay(own))
          .as(user)
          .containsExactly(Map.entry(LocalDate.of(2025, 5, 5), expectedSteps.get(user)));
      List<Row> heartRate =
          own.where(col("metric").equalTo("heart_rate")).orderBy("start_time").collectAsList();
      assertThat(heartRate)
          .as(user)
          .extracting(r -> r.<Double>getAs("value"))
          .containsExactlyElementsOf(expectedHeartRate.get(user));
      String zoneFlag = u % 2 == 0 ? LocalDay.ZONE_FROM_PROFILE : LocalDay.ZONE_ASSUMED_UTC;
      assertThat(heartRate)
          .as(user)
          .extracting(r -> r.getList(r.fieldIndex("quality_flags")).get(0))
          .containsOnly(zoneFlag);
    }
    // and exactly the rows each user's samples give when normalized on their own
    List<String> alone = new ArrayList<>();
    for (String user : users) {
      SampleNormalizer.normalize(samples.where(col("user_id").equalTo(user)), zones)
          .collectAsList()
          .forEach(r -> alone.add(r.toString()));
    }
    assertThat(silver.collectAsList())
        .extracting(Row::toString)
        .containsExactlyInAnyOrderElementsOf(alone);
    silver.unpersist();
  }

  @Test
  void assignsEveryHourOfTheOsloSpringForwardAndFallBackDaysToThatDay(SparkSession spark) {
    // given one minute of steps at the start of every local hour of both DST days, no offsets
    BronzeRows bronze = new BronzeRows().profile("u1", "Europe/Oslo", Instant.EPOCH);
    LocalDate springForward = LocalDate.of(2025, 3, 30);
    LocalDate fallBack = LocalDate.of(2025, 10, 26);
    int value = 1;
    long expectedSpring = 0;
    long expectedFall = 0;
    for (LocalDate day :
        List.of(springForward.minusDays(1), springForward, fallBack, fallBack.plusDays(1))) {
      ZonedDateTime t = day.atStartOfDay(OSLO);
      ZonedDateTime end = day.plusDays(1).atStartOfDay(OSLO);
      for (; t.isBefore(end); t = t.plusHours(1)) {
        Instant start = t.toInstant();
        bronze.sample(
            "u1",
            Metric.STEPS,
            value,
            start,
            start.plusSeconds(60),
            null,
            "oura",
            "ring",
            DeviceType.RING);
        if (day.equals(springForward)) {
          expectedSpring += value;
        } else if (day.equals(fallBack)) {
          expectedFall += value;
        }
        value++;
      }
    }

    // when
    Map<LocalDate, Long> perDay = stepsPerDay(normalize(spark, bronze));

    // then 23 hours' worth on the spring day, 25 on the fall day
    assertThat(
            Duration.between(
                    springForward.atStartOfDay(OSLO), springForward.plusDays(1).atStartOfDay(OSLO))
                .toHours())
        .isEqualTo(23);
    assertThat(perDay.get(springForward)).isEqualTo(expectedSpring);
    assertThat(perDay.get(fallBack)).isEqualTo(expectedFall);
    assertThat(perDay).hasSize(4);
  }

  @Test
  void neverAddsAWatchAndAPhoneCountingTheSameHour(SparkSession spark) {
    // given hour 1: the watch recorded 20 minutes, the phone the whole hour in 10-minute rows;
    // hour 2: the watch recorded all 60 minutes, the phone the whole hour as well (a tie on
    // coverage, which the watch wins by device preference)
    Instant hour1 = Instant.parse("2025-05-05T08:00:00Z");
    Instant hour2 = hour1.plusSeconds(3600);
    BronzeRows bronze = new BronzeRows();
    long watchHour1 = 0;
    long watchHour2 = 0;
    long phoneHour1 = 0;
    for (int m = 0; m < 60; m++) {
      if (m < 20) {
        bronze.sample(
            "u1",
            Metric.STEPS,
            30 + m,
            hour1.plusSeconds(60L * m),
            hour1.plusSeconds(60L * m + 60),
            ZoneOffset.UTC,
            "apple_health",
            "Watch7,1",
            DeviceType.WATCH);
        watchHour1 += 30 + m;
      }
      bronze.sample(
          "u1",
          Metric.STEPS,
          40 + m,
          hour2.plusSeconds(60L * m),
          hour2.plusSeconds(60L * m + 60),
          ZoneOffset.UTC,
          "apple_health",
          "Watch7,1",
          DeviceType.WATCH);
      watchHour2 += 40 + m;
    }
    for (int i = 0; i < 6; i++) {
      for (Instant hour : List.of(hour1, hour2)) {
        bronze.sample(
            "u1",
            Metric.STEPS,
            200 + i,
            hour.plusSeconds(600L * i),
            hour.plusSeconds(600L * i + 600),
            ZoneOffset.UTC,
            "apple_health",
            "iPhone15,2",
            DeviceType.PHONE);
      }
      phoneHour1 += 200 + i;
    }

    // when
    Dataset<Row> silver = normalize(spark, bronze);

    // then
    long total = stepsPerDay(silver).get(LocalDate.of(2025, 5, 5));
    assertThat(total).isEqualTo(phoneHour1 + watchHour2);
    assertThat(total).isNotEqualTo(watchHour1 + watchHour2 + 2 * phoneHour1);
    assertThat(
            silver
                .where(col("start_time").lt(java.sql.Timestamp.from(hour2)))
                .select("device")
                .distinct()
                .collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactly("iPhone15,2");
  }

  @Test
  void prefersTheMinuteSeriesOfASourceOverItsDailyTotal(SparkSession spark) {
    // given day 1: a daily total and minute rows of the same source; day 2: only the daily total
    LocalDate day1 = LocalDate.of(2025, 6, 1);
    LocalDate day2 = day1.plusDays(1);
    Instant midnight1 = day1.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant midnight2 = day2.atStartOfDay(ZoneOffset.UTC).toInstant();
    BronzeRows bronze = new BronzeRows();
    bronze.chargeSteps("u1", 9000, midnight1, midnight2, ZoneOffset.UTC);
    bronze.chargeSteps("u1", 7000, midnight2, midnight2.plusSeconds(86_400), ZoneOffset.UTC);
    // and an hourly row for 10:00 alongside minute rows for 10:00-10:59: the minute rows win there,
    // while the hourly row for 11:00 (no minute rows) still counts
    long expectedDay1 = 0;
    Instant ten = midnight1.plusSeconds(10 * 3600);
    bronze.chargeSteps("u1", 5000, ten, ten.plusSeconds(3600), ZoneOffset.UTC);
    for (int m = 0; m < 60; m++) {
      bronze.chargeSteps(
          "u1", m, ten.plusSeconds(60L * m), ten.plusSeconds(60L * m + 60), ZoneOffset.UTC);
      expectedDay1 += m;
    }
    Instant eleven = ten.plusSeconds(3600);
    bronze.chargeSteps("u1", 800, eleven, eleven.plusSeconds(3600), ZoneOffset.UTC);
    expectedDay1 += 800;

    // when
    Map<LocalDate, Long> perDay = stepsPerDay(normalize(spark, bronze));

    // then
    assertThat(perDay).containsEntry(day1, expectedDay1).containsEntry(day2, 7000L);
  }

  @Test
  void dropsADailyTotalOnItsOnlyDayWhenMinuteRowsCoverThatDay(SparkSession spark) {
    // given one daily total and, on the same day, minute rows of another source
    LocalDate day = LocalDate.of(2025, 6, 3);
    Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    BronzeRows bronze =
        new BronzeRows()
            .sample(
                "u1",
                Metric.STEPS,
                9000,
                midnight,
                midnight.plusSeconds(86_400),
                ZoneOffset.UTC,
                "samsung",
                "phone",
                DeviceType.PHONE);
    long minutes = 0;
    Instant nine = midnight.plusSeconds(9 * 3600);
    for (int m = 0; m < 20; m++) {
      bronze.sample(
          "u1",
          Metric.STEPS,
          30 + m,
          nine.plusSeconds(60L * m),
          nine.plusSeconds(60L * m + 60),
          ZoneOffset.UTC,
          "garmin",
          "venu",
          DeviceType.WATCH);
      minutes += 30 + m;
    }

    // when
    Map<LocalDate, Long> perDay = stepsPerDay(normalize(spark, bronze));

    // then
    assertThat(perDay).containsExactly(Map.entry(day, minutes));
  }

  @Test
  void keepsTheSameCopyOfASampleReceivedTwiceAtOneInstantWhicheverDeliveryCameFirst(
      SparkSession spark) {
    // given one reading delivered twice at the same instant (two ingest ids), once with +02:00 and
    // once with -05:00, in both orders
    Instant t = Instant.parse("2025-03-29T23:30:00Z");
    Instant received = Instant.parse("2025-03-30T08:00:00Z");
    List<ZoneOffset> offsets = List.of(ZoneOffset.ofHours(2), ZoneOffset.ofHours(-5));
    for (List<ZoneOffset> order : List.of(offsets, List.of(offsets.get(1), offsets.get(0)))) {
      BronzeRows bronze = new BronzeRows();
      for (ZoneOffset offset : order) {
        bronze
            .delivery(received)
            .sample("u1", Metric.HEART_RATE, 58, t, null, offset, "oura", "ring", DeviceType.RING);
      }

      // when
      List<Row> rows = normalize(spark, bronze).collectAsList();

      // then the copy that sorts first by its own columns (the lower offset) is kept
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).<Integer>getAs("zone_offset_seconds")).isEqualTo(-5 * 3600);
      assertThat(rows.get(0).<java.sql.Date>getAs("local_date").toLocalDate())
          .isEqualTo(LocalDate.of(2025, 3, 29));
    }
  }

  @Test
  void countsARedeliveredBatchOnce(SparkSession spark) {
    // given the same 30 minutes delivered twice (a retried upload: new ingest id and receive time)
    Instant start = Instant.parse("2025-02-02T12:00:00Z");
    BronzeRows bronze = new BronzeRows().delivery(Instant.parse("2025-02-02T13:00:00Z"));
    long expected = 0;
    for (int delivery = 0; delivery < 2; delivery++) {
      for (int m = 0; m < 30; m++) {
        bronze.sample(
            "u1",
            Metric.STEPS,
            10 + m,
            start.plusSeconds(60L * m),
            start.plusSeconds(60L * m + 60),
            ZoneOffset.UTC,
            "garmin",
            "venu",
            DeviceType.WATCH);
        if (delivery == 0) {
          expected += 10 + m;
        }
      }
      bronze.delivery(Instant.parse("2025-02-02T14:00:00Z"));
    }

    // when
    Dataset<Row> silver = normalize(spark, bronze);

    // then
    assertThat(silver.count()).isEqualTo(30);
    assertThat(stepsPerDay(silver).get(LocalDate.of(2025, 2, 2))).isEqualTo(expected);
    assertThat(silver.first().getList(silver.first().fieldIndex("quality_flags")))
        .containsExactly(SampleNormalizer.REDELIVERED);
  }

  @Test
  void keepsOneHeartRateReadingPerInstantFromThePreferredDevice(SparkSession spark) {
    // given a chest strap and a watch reading at the same second, and a watch reading alone
    Instant t = Instant.parse("2025-04-04T07:00:00Z");
    BronzeRows bronze =
        new BronzeRows()
            .sample(
                "u1",
                Metric.HEART_RATE,
                141,
                t,
                null,
                ZoneOffset.UTC,
                "polar",
                "h10",
                DeviceType.CHEST_STRAP)
            .sample(
                "u1",
                Metric.HEART_RATE,
                150,
                t,
                null,
                ZoneOffset.UTC,
                "apple_health",
                "watch",
                DeviceType.WATCH)
            .sample(
                "u1",
                Metric.HEART_RATE,
                152,
                t.plusSeconds(5),
                null,
                ZoneOffset.UTC,
                "apple_health",
                "watch",
                DeviceType.WATCH);

    // when
    List<Row> rows = normalize(spark, bronze).orderBy("start_time").collectAsList();

    // then
    assertThat(rows).extracting(r -> r.<Double>getAs("value")).containsExactly(141.0, 152.0);
  }

  @Test
  void dropsValuesOutsideTheMetricsRange(SparkSession spark) {
    // given a heart rate the core range rejects, written by an older client
    Instant t = Instant.parse("2025-04-04T07:00:00Z");
    BronzeRows bronze =
        new BronzeRows()
            .sample(
                "u1",
                Metric.HEART_RATE,
                60,
                t,
                null,
                ZoneOffset.UTC,
                "polar",
                "h10",
                DeviceType.CHEST_STRAP);
    Dataset<Row> raw = bronze.samples(spark);
    Dataset<Row> withBadValue =
        raw.unionByName(
            raw.withColumn("value", org.apache.spark.sql.functions.lit(400.0))
                .withColumn("sample_key", org.apache.spark.sql.functions.lit("other")));

    // when
    Dataset<Row> silver =
        SampleNormalizer.normalize(
            withBadValue, SampleNormalizer.latestTimeZones(bronze.profiles(spark)));

    // then
    assertThat(silver.collectAsList())
        .extracting(r -> r.<Double>getAs("value"))
        .containsExactly(60.0);
  }

  @Test
  void keepsTheDayOfTheFirstReceivedCopyWhenARedeliveryCarriesAnotherOffset(SparkSession spark) {
    // given a reading first delivered without an offset (the profile says Oslo: 00:30 on 30 March),
    // then delivered again with -05:00 (18:30 on 29 March)
    Instant t = Instant.parse("2025-03-29T23:30:00Z");
    BronzeRows bronze =
        new BronzeRows()
            .profile("u1", "Europe/Oslo", Instant.EPOCH)
            .delivery(Instant.parse("2025-03-30T08:00:00Z"))
            .sample("u1", Metric.HEART_RATE, 58, t, null, null, "oura", "ring", DeviceType.RING)
            .delivery(Instant.parse("2025-03-30T09:00:00Z"))
            .sample(
                "u1",
                Metric.HEART_RATE,
                58,
                t,
                null,
                ZoneOffset.ofHours(-5),
                "oura",
                "ring",
                DeviceType.RING);

    // when
    List<Row> rows = normalize(spark, bronze).collectAsList();

    // then
    assertThat(rows).hasSize(1);
    Row row = rows.get(0);
    assertThat(row.<java.sql.Date>getAs("local_date").toLocalDate())
        .isEqualTo(t.atZone(OSLO).toLocalDate());
    assertThat(row.<Integer>getAs("zone_offset_seconds"))
        .isEqualTo(OSLO.getRules().getOffset(t).getTotalSeconds());
    assertThat(row.getList(row.fieldIndex("quality_flags")))
        .containsExactly(LocalDay.ZONE_FROM_PROFILE, SampleNormalizer.REDELIVERED);
  }

  @Test
  void flagsAnUnknownUnitAndAValueAsSentThatDoesNotConvert(SparkSession spark) {
    // given three weights of 70 kg: sent as pounds that convert (spelled " LB "), sent in a unit
    // weight does not accept, and sent as 200 lb
    Instant t = Instant.parse("2025-04-04T07:00:00Z");
    BronzeRows bronze = new BronzeRows();
    for (int i = 0; i < 3; i++) {
      bronze.sample(
          "u1",
          Metric.WEIGHT,
          70,
          t.plusSeconds(60L * i),
          null,
          ZoneOffset.UTC,
          "withings",
          "body",
          DeviceType.SCALE);
    }
    double poundsOf70Kg = 70 / Metric.WEIGHT.toCanonical(1, Unit.POUND);
    java.sql.Timestamp second = java.sql.Timestamp.from(t.plusSeconds(60));
    java.sql.Timestamp third = java.sql.Timestamp.from(t.plusSeconds(120));
    Dataset<Row> sent =
        bronze
            .samples(spark)
            .withColumn(
                "unit",
                when(col("start_time").equalTo(lit(second)), lit("furlong"))
                    .when(col("start_time").equalTo(lit(third)), lit("lb"))
                    .otherwise(lit(" LB ")))
            .withColumn(
                "value_as_sent",
                when(col("start_time").equalTo(lit(third)), lit(200.0))
                    .otherwise(lit(poundsOf70Kg)));

    // when
    List<Row> rows =
        SampleNormalizer.normalize(sent, SampleNormalizer.latestTimeZones(bronze.profiles(spark)))
            .orderBy("start_time")
            .collectAsList();

    // then
    assertThat(rows)
        .extracting(r -> r.<Object>getList(r.fieldIndex("quality_flags")))
        .containsExactly(
            List.of(),
            List.of(SampleNormalizer.UNIT_UNKNOWN),
            List.of(SampleNormalizer.UNIT_MISMATCH));
  }
}
