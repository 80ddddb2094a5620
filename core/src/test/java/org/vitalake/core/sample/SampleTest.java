package org.vitalake.core.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.metric.SleepStage;

class SampleTest {

  private static final UserId USER = UserId.of("u1");
  private static final Instant START = Instant.parse("2024-03-10T07:00:00Z");

  private static Sample heartRate(double bpm) {
    return new Sample(
        USER,
        Metric.HEART_RATE,
        bpm,
        START,
        null,
        ZoneOffset.ofHours(1),
        "fitbit",
        "Charge 6",
        DeviceType.WATCH,
        "bpm");
  }

  private static Sample steps(double count, Instant start, Instant end) {
    return new Sample(
        USER, Metric.STEPS, count, start, end, null, "fitbit", null, DeviceType.WATCH, null);
  }

  @Test
  void acceptsAnInstantaneousReadingWithoutEnd() {
    // when
    Sample sample = heartRate(62);

    // then
    assertThat(sample.value()).isEqualTo(62);
    assertThat(sample.end()).isNull();
  }

  @Test
  void rejectsHeartRateAboveTwoHundredFiftyNamingValueUnitAndRange() {
    assertThatThrownBy(() -> heartRate(300))
        .isInstanceOfSatisfying(
            InvalidSampleException.class,
            e -> {
              assertThat(e.field()).isEqualTo("value");
              assertThat(e)
                  .hasMessage(
                      "heart_rate 300.0 bpm is outside the physiological range 20.0-250.0 bpm");
            });
  }

  @Test
  void rejectsAnIntervalTotalWithoutEnd() {
    assertThatThrownBy(() -> steps(100, START, null))
        .isInstanceOfSatisfying(
            InvalidSampleException.class,
            e -> {
              assertThat(e.field()).isEqualTo("end");
              assertThat(e).hasMessageContaining("steps").hasMessageContaining("needs an end");
            });
  }

  @Test
  void rejectsASessionWithoutEnd() {
    assertThatThrownBy(
            () ->
                new Sample(USER, Metric.WORKOUT, 30, START, null, null, "garmin", null, null, null))
        .isInstanceOf(InvalidSampleException.class)
        .hasMessageContaining("workout is a session and needs an end time");
  }

  @Test
  void rejectsAnEndBeforeTheStart() {
    assertThatThrownBy(() -> steps(100, START, START.minusSeconds(1)))
        .isInstanceOfSatisfying(
            InvalidSampleException.class,
            e -> {
              assertThat(e.field()).isEqualTo("end");
              assertThat(e).hasMessageContaining(START.minusSeconds(1).toString());
            });
  }

  @Test
  void acceptsAnEndEqualToTheStart() {
    assertThat(steps(0, START, START).end()).isEqualTo(START);
  }

  @Test
  void rejectsASleepSessionLongerThanItsInBedInterval() {
    // given eight hours in bed
    Instant end = START.plus(Duration.ofHours(8));

    // when / then: 8 h 30 min asleep cannot fit
    assertThatThrownBy(
            () ->
                new Sample(
                    USER, Metric.SLEEP_SESSION, 510, START, end, null, "oura", null, null, null))
        .isInstanceOfSatisfying(
            InvalidSampleException.class, e -> assertThat(e.field()).isEqualTo("value"))
        .hasMessageContaining("480.0 min");
    assertThat(
            new Sample(USER, Metric.SLEEP_SESSION, 450, START, end, null, "oura", null, null, null)
                .value())
        .isEqualTo(450);
  }

  @Test
  void rejectsAFractionalSleepStage() {
    assertThatThrownBy(
            () ->
                new Sample(
                    USER,
                    Metric.SLEEP_STAGE,
                    2.5,
                    START,
                    START.plusSeconds(30),
                    null,
                    "fitbit",
                    null,
                    null,
                    null))
        .isInstanceOf(InvalidSampleException.class)
        .hasMessageContaining("sleep_stage 2.5 is not a stage code");
  }

  @Test
  void exposesTheSleepStageOfAStageSample() {
    // given
    Sample deep =
        new Sample(
            USER,
            Metric.SLEEP_STAGE,
            SleepStage.DEEP.code(),
            START,
            START.plusSeconds(30),
            null,
            "fitbit",
            null,
            null,
            null);

    // when / then
    assertThat(deep.sleepStage()).isEqualTo(SleepStage.DEEP);
  }

  @Test
  void requiresASource() {
    assertThatThrownBy(
            () -> new Sample(USER, Metric.HEART_RATE, 60, START, null, null, " ", null, null, null))
        .isInstanceOfSatisfying(
            InvalidSampleException.class, e -> assertThat(e.field()).isEqualTo("source"));
  }

  @Test
  void normalisesMissingDeviceTypeAndBlankOptionalFields() {
    // when
    Sample sample =
        new Sample(USER, Metric.HEART_RATE, 60, START, null, null, " apple ", "", null, " ");

    // then
    assertThat(sample.deviceType()).isEqualTo(DeviceType.UNKNOWN);
    assertThat(sample.source()).isEqualTo("apple");
    assertThat(sample.device()).isNull();
    assertThat(sample.unitAsSent()).isNull();
  }

  @Test
  void sampleKeyIsTheTruncatedSha256OfTheLengthPrefixedNaturalKey() throws Exception {
    // given
    Sample sample = heartRate(62);
    String natural = "2:u1;10:heart_rate;6:fitbit;8:Charge 6;20:2024-03-10T07:00:00Z;0:;4:62.0;";

    // when
    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(natural.getBytes(StandardCharsets.UTF_8)))
            .substring(0, 32);

    // then
    assertThat(sample.sampleKey()).isEqualTo(expected).hasSize(32).matches("[0-9a-f]{32}");
  }

  @Test
  void sampleKeyIsStableAcrossEqualSamples() {
    assertThat(heartRate(62).sampleKey()).isEqualTo(heartRate(62).sampleKey());
  }

  @Test
  void sampleKeyIgnoresWhatDoesNotIdentifyTheMeasurement() {
    // given the same reading delivered twice with different lineage fields
    Sample first = heartRate(62);
    Sample second =
        new Sample(
            USER,
            Metric.HEART_RATE,
            62,
            START,
            null,
            null,
            "fitbit",
            "Charge 6",
            DeviceType.UNKNOWN,
            "count/min");

    // when / then
    assertThat(second.sampleKey()).isEqualTo(first.sampleKey());
  }

  @Test
  void sampleKeyDiffersWhenAnyNaturalKeyFieldDiffers() {
    // given
    Sample base = steps(100, START, START.plusSeconds(60));

    // when
    String[] keys = {
      base.sampleKey(),
      new Sample(
              UserId.of("u2"),
              Metric.STEPS,
              100,
              START,
              START.plusSeconds(60),
              null,
              "fitbit",
              null,
              null,
              null)
          .sampleKey(),
      new Sample(
              USER,
              Metric.FLOORS,
              100,
              START,
              START.plusSeconds(60),
              null,
              "fitbit",
              null,
              null,
              null)
          .sampleKey(),
      steps(101, START, START.plusSeconds(60)).sampleKey(),
      steps(100, START.plusSeconds(1), START.plusSeconds(60)).sampleKey(),
      steps(100, START, START.plusSeconds(61)).sampleKey(),
      new Sample(
              USER,
              Metric.STEPS,
              100,
              START,
              START.plusSeconds(60),
              null,
              "garmin",
              null,
              null,
              null)
          .sampleKey(),
      new Sample(
              USER,
              Metric.STEPS,
              100,
              START,
              START.plusSeconds(60),
              null,
              "fitbit",
              "Versa",
              null,
              null)
          .sampleKey()
    };

    // then
    assertThat(keys).doesNotHaveDuplicates();
  }

  @Test
  void sampleKeyCannotBeForgedByShiftingCharactersBetweenFields() {
    // given source "ab" with device "c", and source "a" with device "bc"
    Sample first =
        new Sample(USER, Metric.HEART_RATE, 60, START, null, null, "ab", "c", null, null);
    Sample second =
        new Sample(USER, Metric.HEART_RATE, 60, START, null, null, "a", "bc", null, null);

    // when / then
    assertThat(first.sampleKey()).isNotEqualTo(second.sampleKey());
  }
}
