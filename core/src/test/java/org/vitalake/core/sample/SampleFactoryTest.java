package org.vitalake.core.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;

class SampleFactoryTest {

  private static final UserId USER = UserId.of("u1");
  private static final Instant NOW = Instant.parse("2024-03-10T12:00:00Z");
  private static final Instant START = Instant.parse("2024-03-10T07:00:00Z");

  private static Sample create(String type, double value, String unit, Instant start, Instant end) {
    return SampleFactory.create(
        USER,
        type,
        value,
        unit,
        start,
        end,
        ZoneOffset.ofHours(2),
        "apple_health",
        "Watch7,1",
        DeviceType.WATCH,
        NOW);
  }

  @Test
  void convertsTheValueToTheCanonicalUnitAndKeepsTheUnitAsSent() {
    // when
    Sample sample = create("distanceWalkingRunning", 2, "mi", START, START.plusSeconds(1200));

    // then
    assertThat(sample.metric()).isEqualTo(Metric.DISTANCE);
    assertThat(sample.value()).isCloseTo(2 * 1609.344, within(1e-9));
    assertThat(sample.unitAsSent()).isEqualTo("mi");
    assertThat(sample.zoneOffset()).isEqualTo(ZoneOffset.ofHours(2));
    assertThat(sample.source()).isEqualTo("apple_health");
    assertThat(sample.device()).isEqualTo("Watch7,1");
    assertThat(sample.deviceType()).isEqualTo(DeviceType.WATCH);
  }

  @Test
  void convertsPoundsToKilograms() {
    // when
    Sample sample = create("weight", 165, "lb", START, null);

    // then
    assertThat(sample.value()).isCloseTo(165 * 0.45359237, within(1e-9));
  }

  @Test
  void convertsFahrenheitBodyTemperatureToCelsius() {
    // when
    Sample sample = create("body_temperature", 98.6, "degF", START, null);

    // then
    assertThat(sample.value()).isCloseTo((98.6 - 32) * 5 / 9, within(1e-9));
  }

  @Test
  void takesAMissingUnitAsTheCanonicalUnit() {
    // when
    Sample sample = create("heartRate", 72, null, START, null);

    // then
    assertThat(sample.value()).isEqualTo(72);
    assertThat(sample.unitAsSent()).isNull();
  }

  @Test
  void rejectsAnUnknownTypeOnTheTypeField() {
    assertThatThrownBy(() -> create("blood_glucose", 5, "mmol/L", START, null))
        .isInstanceOfSatisfying(
            InvalidSampleException.class,
            e -> {
              assertThat(e.field()).isEqualTo("type");
              assertThat(e).hasMessageContaining("unknown metric 'blood_glucose'");
            });
  }

  @Test
  void rejectsAnUnknownUnitListingTheSpellingsForTheMetric() {
    assertThatThrownBy(() -> create("heart_rate", 72, "beats", START, null))
        .isInstanceOfSatisfying(
            InvalidSampleException.class,
            e -> {
              assertThat(e.field()).isEqualTo("unit");
              assertThat(e)
                  .hasMessageContaining("unknown unit 'beats' for heart_rate")
                  .hasMessageContaining("count/min");
            });
  }

  @Test
  void rejectsAUnitThatCannotExpressTheMetric() {
    assertThatThrownBy(() -> create("steps", 100, "kg", START, START.plusSeconds(60)))
        .isInstanceOfSatisfying(
            InvalidSampleException.class, e -> assertThat(e.field()).isEqualTo("unit"))
        .hasMessageContaining("'kg' cannot express steps");
  }

  @Test
  void rejectsAnOutOfRangeValueSayingHowItWasSent() {
    // given 1000 lb, far above 400 kg once converted
    double kg = 1000 * 0.45359237;

    // when / then
    assertThatThrownBy(() -> create("weight", 1000, "lb", START, null))
        .isInstanceOfSatisfying(
            InvalidSampleException.class, e -> assertThat(e.field()).isEqualTo("value"))
        .hasMessage(
            "weight "
                + kg
                + " kg is outside the physiological range 20.0-400.0 kg (sent as 1000.0 lb)");
  }

  @Test
  void rejectsANonFiniteValue() {
    assertThatThrownBy(() -> create("heart_rate", Double.NaN, "bpm", START, null))
        .isInstanceOfSatisfying(
            InvalidSampleException.class, e -> assertThat(e.field()).isEqualTo("value"));
  }

  @Test
  void acceptsATimestampExactlyADayAhead() {
    // given a device clock a full day ahead
    Instant start = NOW.plus(Duration.ofHours(24));

    // when / then
    assertThat(create("heart_rate", 60, "bpm", start, null).start()).isEqualTo(start);
  }

  @Test
  void rejectsATimestampMoreThanADayInTheFuture() {
    // given
    Instant start = NOW.plus(Duration.ofHours(24)).plusSeconds(1);

    // when / then
    assertThatThrownBy(() -> create("heart_rate", 60, "bpm", start, null))
        .isInstanceOfSatisfying(
            InvalidSampleException.class, e -> assertThat(e.field()).isEqualTo("start"))
        .hasMessageContaining(start.toString())
        .hasMessageContaining("24 h in the future");
  }

  @Test
  void rejectsAnEndMoreThanADayInTheFuture() {
    // given
    Instant end = NOW.plus(Duration.ofDays(2));

    // when / then
    assertThatThrownBy(() -> create("steps", 10, null, START, end))
        .isInstanceOfSatisfying(
            InvalidSampleException.class, e -> assertThat(e.field()).isEqualTo("end"));
  }

  @Test
  void rejectsATimestampBefore1990() {
    // given an unset device clock
    Instant epoch = Instant.EPOCH;

    // when / then
    assertThatThrownBy(() -> create("heart_rate", 60, "bpm", epoch, null))
        .isInstanceOfSatisfying(
            InvalidSampleException.class, e -> assertThat(e.field()).isEqualTo("start"))
        .hasMessageContaining("1970-01-01T00:00:00Z is before 1990-01-01T00:00:00Z");
    assertThat(create("heart_rate", 60, "bpm", SampleFactory.EARLIEST, null).start())
        .isEqualTo(SampleFactory.EARLIEST);
  }

  @Test
  void rejectsAMissingStart() {
    assertThatThrownBy(() -> create("heart_rate", 60, "bpm", null, null))
        .isInstanceOfSatisfying(
            InvalidSampleException.class, e -> assertThat(e.field()).isEqualTo("start"));
  }

  @Test
  void convertsKilojoulesOfActiveEnergy() {
    // when
    Sample sample = create("active_energy", 418.4, "kJ", START, START.plusSeconds(3600));

    // then
    assertThat(sample.value()).isCloseTo(418.4 / 4.184, within(1e-9));
  }

  @Test
  void sameRawFieldsGiveTheSameSampleKey() {
    assertThat(create("hr", 61, "count/min", START, null).sampleKey())
        .isEqualTo(create("heart_rate", 61, "bpm", START, null).sampleKey());
  }
}
