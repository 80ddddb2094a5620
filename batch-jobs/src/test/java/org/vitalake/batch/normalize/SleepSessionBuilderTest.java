package org.vitalake.batch.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vitalake.batch.fixture.BronzeRows;
import org.vitalake.batch.spark.SharedSparkSession;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.metric.SleepStage;
import org.vitalake.core.sample.DeviceType;

@ExtendWith(SharedSparkSession.class)
class SleepSessionBuilderTest {

  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

  private static List<Row> sessions(SparkSession spark, BronzeRows bronze) {
    return SleepSessionBuilder.build(
            SampleNormalizer.normalize(
                bronze.samples(spark), SampleNormalizer.latestTimeZones(bronze.profiles(spark))))
        .orderBy("user_id", "local_date", "start_time")
        .collectAsList();
  }

  private static double minutes(ZonedDateTime from, ZonedDateTime to) {
    return Duration.between(from, to).toSeconds() / 60.0;
  }

  @Test
  void mergesNestedAndOverlappingStagesIntoOneNightOnTheWakeUpDay(SparkSession spark) {
    // given a ring's stages for the night of the fall-back change in Oslo (no offsets sent),
    // with a deep-sleep interval delivered again nested inside the first one
    LocalDate evening = LocalDate.of(2025, 10, 25);
    ZonedDateTime bed = evening.atTime(23, 0).atZone(OSLO);
    ZonedDateTime deepFrom = bed.plusHours(2);
    ZonedDateTime remFrom = deepFrom.plusMinutes(90);
    ZonedDateTime awakeFrom = remFrom.plusMinutes(60);
    ZonedDateTime lightAgain = awakeFrom.plusMinutes(15);
    ZonedDateTime wake = lightAgain.plusHours(3);
    BronzeRows bronze = new BronzeRows().profile("u1", "Europe/Oslo", Instant.EPOCH);
    stage(bronze, SleepStage.LIGHT, bed, deepFrom);
    stage(bronze, SleepStage.DEEP, deepFrom, remFrom);
    stage(bronze, SleepStage.DEEP, deepFrom.plusMinutes(30), deepFrom.plusMinutes(60));
    stage(bronze, SleepStage.REM, remFrom, awakeFrom);
    stage(bronze, SleepStage.AWAKE, awakeFrom, lightAgain);
    stage(bronze, SleepStage.LIGHT, lightAgain, wake);

    // when
    List<Row> nights = sessions(spark, bronze);

    // then one session, on the day the wearer woke up, every stage counted once
    assertThat(nights).hasSize(1);
    Row night = nights.get(0);
    double light = minutes(bed, deepFrom) + minutes(lightAgain, wake);
    double deep = minutes(deepFrom, remFrom);
    double rem = minutes(remFrom, awakeFrom);
    double inBed = minutes(bed, wake);
    assertThat(night.<java.sql.Date>getAs("local_date").toLocalDate())
        .isEqualTo(wake.toLocalDate());
    assertThat(night.<Double>getAs("minutes_in_bed")).isEqualTo(inBed);
    assertThat(night.<Double>getAs("minutes_light")).isEqualTo(light);
    assertThat(night.<Double>getAs("minutes_deep")).isEqualTo(deep);
    assertThat(night.<Double>getAs("minutes_rem")).isEqualTo(rem);
    assertThat(night.<Double>getAs("minutes_awake")).isEqualTo(minutes(awakeFrom, lightAgain));
    assertThat(night.<Double>getAs("minutes_asleep")).isEqualTo(light + deep + rem);
    assertThat(night.<Double>getAs("efficiency")).isEqualTo((light + deep + rem) / inBed);
  }

  @Test
  void aStagedNightWithTheVendorsSessionValueCountsTheVendorsMinutesAsleep(SparkSession spark) {
    // given a night whose light stages span short wakes the vendor left out of its own minutes
    // asleep (Fitbit reports them apart, in levels.shortData)
    ZonedDateTime bed = LocalDate.of(2025, 2, 3).atTime(23, 0).atZone(OSLO);
    ZonedDateTime deepFrom = bed.plusHours(3);
    ZonedDateTime wake = deepFrom.plusHours(4);
    BronzeRows bronze = new BronzeRows().profile("u1", "Europe/Oslo", Instant.EPOCH);
    stage(bronze, SleepStage.LIGHT, bed, deepFrom);
    stage(bronze, SleepStage.DEEP, deepFrom, wake);
    double vendorAsleep = minutes(bed, wake) - 23;
    bronze.sample(
        "u1",
        Metric.SLEEP_SESSION,
        vendorAsleep,
        bed.toInstant(),
        wake.toInstant(),
        null,
        "oura",
        "gen3",
        DeviceType.RING);

    // when
    List<Row> nights = sessions(spark, bronze);

    // then the stage minutes come from the stages, minutes asleep from the vendor
    assertThat(nights).hasSize(1);
    Row night = nights.get(0);
    assertThat(night.<Double>getAs("minutes_light")).isEqualTo(minutes(bed, deepFrom));
    assertThat(night.<Double>getAs("minutes_deep")).isEqualTo(minutes(deepFrom, wake));
    assertThat(night.<Double>getAs("minutes_asleep")).isEqualTo(vendorAsleep);
    assertThat(night.<Double>getAs("efficiency")).isEqualTo(vendorAsleep / minutes(bed, wake));
  }

  @Test
  void countsANestedSessionOnceAndKeepsTheRingOverTheWatch(SparkSession spark) {
    // given a watch session with a shorter session nested in it, and the ring's session of the
    // same night
    ZonedDateTime bed = LocalDate.of(2025, 1, 10).atTime(22, 30).atZone(OSLO);
    ZonedDateTime wake = bed.plusHours(8);
    BronzeRows bronze = new BronzeRows().profile("u1", "Europe/Oslo", Instant.EPOCH);
    session(bronze, bed, wake, 450, "garmin", DeviceType.WATCH);
    session(bronze, bed.plusMinutes(30), wake.minusMinutes(90), 330, "garmin", DeviceType.WATCH);
    // and a second user whose only data is the watch's nested pair
    session(bronze, bed, wake, 450, "garmin", DeviceType.WATCH, "u2");
    session(
        bronze, bed.plusMinutes(30), wake.minusMinutes(90), 330, "garmin", DeviceType.WATCH, "u2");
    session(bronze, bed.plusMinutes(10), wake.minusMinutes(5), 440, "oura", DeviceType.RING);

    // when
    List<Row> nights = sessions(spark, bronze);

    // then
    assertThat(nights).hasSize(2);
    Row u1 = nights.get(0);
    assertThat(u1.<String>getAs("source")).isEqualTo("oura");
    assertThat(u1.<Double>getAs("minutes_asleep")).isEqualTo(440.0);
    Row u2 = nights.get(1);
    assertThat(u2.<String>getAs("user_id")).isEqualTo("u2");
    assertThat(u2.<Double>getAs("minutes_in_bed")).isEqualTo(minutes(bed, wake));
    assertThat(u2.<Double>getAs("minutes_asleep")).isEqualTo(450.0);
    assertThat(u2.<java.sql.Date>getAs("local_date").toLocalDate()).isEqualTo(wake.toLocalDate());
  }

  private static void stage(
      BronzeRows bronze, SleepStage stage, ZonedDateTime from, ZonedDateTime to) {
    bronze.sample(
        "u1",
        Metric.SLEEP_STAGE,
        stage.code(),
        from.toInstant(),
        to.toInstant(),
        null,
        "oura",
        "gen3",
        DeviceType.RING);
  }

  private static void session(
      BronzeRows bronze,
      ZonedDateTime from,
      ZonedDateTime to,
      double asleep,
      String source,
      DeviceType type) {
    session(bronze, from, to, asleep, source, type, "u1");
  }

  private static void session(
      BronzeRows bronze,
      ZonedDateTime from,
      ZonedDateTime to,
      double asleep,
      String source,
      DeviceType type,
      String user) {
    bronze.sample(
        user,
        Metric.SLEEP_SESSION,
        asleep,
        from.toInstant(),
        to.toInstant(),
        null,
        source,
        source + "-device",
        type);
  }
}
