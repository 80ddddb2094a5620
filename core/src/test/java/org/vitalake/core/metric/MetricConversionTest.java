package org.vitalake.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class MetricConversionTest {

  private static final Offset<Double> EXACT = within(1e-9);

  @Test
  void convertsMilesToMetresByTheInternationalMile() {
    assertThat(Metric.DISTANCE.toCanonical(1, Unit.MILE)).isCloseTo(1609.344, EXACT);
    assertThat(Metric.DISTANCE.toCanonical(3.1, Unit.MILE)).isCloseTo(3.1 * 1609.344, EXACT);
  }

  @Test
  void convertsKilometresFeetYardsInchesAndCentimetresToMetres() {
    assertThat(Metric.DISTANCE.toCanonical(5, Unit.KILOMETRE)).isCloseTo(5000, EXACT);
    assertThat(Metric.DISTANCE.toCanonical(1, Unit.FOOT)).isCloseTo(12 * 0.0254, EXACT);
    assertThat(Metric.DISTANCE.toCanonical(1, Unit.YARD)).isCloseTo(3 * 12 * 0.0254, EXACT);
    assertThat(Metric.DISTANCE.toCanonical(10, Unit.INCH)).isCloseTo(0.254, EXACT);
    assertThat(Metric.DISTANCE.toCanonical(250, Unit.CENTIMETRE)).isCloseTo(2.5, EXACT);
  }

  @Test
  void convertsPoundsGramsAndStonesToKilograms() {
    assertThat(Metric.WEIGHT.toCanonical(1, Unit.POUND)).isCloseTo(0.45359237, EXACT);
    assertThat(Metric.WEIGHT.toCanonical(165.3, Unit.POUND)).isCloseTo(165.3 * 0.45359237, EXACT);
    assertThat(Metric.WEIGHT.toCanonical(72_500, Unit.GRAM)).isCloseTo(72.5, EXACT);
    assertThat(Metric.WEIGHT.toCanonical(11, Unit.STONE)).isCloseTo(11 * 14 * 0.45359237, EXACT);
  }

  @Test
  void convertsKilojoulesToKilocaloriesByTheThermochemicalCalorie() {
    assertThat(Metric.ACTIVE_ENERGY.toCanonical(1, Unit.KILOJOULE)).isCloseTo(1 / 4.184, EXACT);
    assertThat(Metric.BASAL_ENERGY.toCanonical(4.184, Unit.KILOJOULE)).isCloseTo(1, EXACT);
    assertThat(Metric.ACTIVE_ENERGY.toCanonical(350, Unit.KILOCALORIE)).isEqualTo(350);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-40, 32, 50, 98.6, 212})
  void convertsFahrenheitToCelsius(double fahrenheit) {
    // given
    double expected = (fahrenheit - 32) * 5 / 9;

    // when
    double celsius = Metric.BODY_TEMPERATURE.toCanonical(fahrenheit, Unit.DEGREE_FAHRENHEIT);

    // then
    assertThat(celsius).isCloseTo(expected, EXACT);
  }

  @Test
  void knowsTheFixedPointsOfBothTemperatureScales() {
    assertThat(Metric.BODY_TEMPERATURE.toCanonical(32, Unit.DEGREE_FAHRENHEIT)).isCloseTo(0, EXACT);
    assertThat(Metric.BODY_TEMPERATURE.toCanonical(212, Unit.DEGREE_FAHRENHEIT))
        .isCloseTo(100, EXACT);
    assertThat(Metric.SKIN_TEMPERATURE.toCanonical(-40, Unit.DEGREE_FAHRENHEIT))
        .isCloseTo(-40, EXACT);
  }

  @Test
  void convertsTemperatureDeviationsWithoutTheOffset() {
    // given a baseline deviation of 1.8 degF, which is a difference of 1 degC
    double deviationF = 1.8;

    // when
    double deviationC =
        Metric.SKIN_TEMPERATURE_DEVIATION.toCanonical(deviationF, Unit.DEGREE_FAHRENHEIT);

    // then
    assertThat(deviationC).isCloseTo(deviationF * 5 / 9, EXACT);
  }

  @Test
  void convertsSecondsToMillisecondsForHeartRateVariability() {
    assertThat(Metric.HRV_RMSSD.toCanonical(0.042, Unit.SECOND)).isCloseTo(42, EXACT);
    assertThat(Metric.HRV_SDNN.toCanonical(0.1, Unit.SECOND)).isCloseTo(100, EXACT);
  }

  @Test
  void convertsDurationsToMinutes() {
    assertThat(Metric.SLEEP_SESSION.toCanonical(7.5, Unit.HOUR)).isCloseTo(7.5 * 60, EXACT);
    assertThat(Metric.WORKOUT.toCanonical(1800, Unit.SECOND)).isCloseTo(1800 / 60.0, EXACT);
    assertThat(Metric.ACTIVE_MINUTES.toCanonical(90_000, Unit.MILLISECOND))
        .isCloseTo(90_000 / 60_000.0, EXACT);
  }

  @Test
  void convertsFractionsToPercent() {
    assertThat(Metric.SPO2.toCanonical(0.97, Unit.FRACTION)).isCloseTo(97, EXACT);
    assertThat(Metric.BODY_FAT.toCanonical(0.215, Unit.FRACTION)).isCloseTo(21.5, EXACT);
  }

  @Test
  void convertsSpeedsToMetresPerSecond() {
    assertThat(Metric.SPEED.toCanonical(36, Unit.KILOMETRE_PER_HOUR)).isCloseTo(10, EXACT);
    assertThat(Metric.SPEED.toCanonical(10, Unit.MILE_PER_HOUR))
        .isCloseTo(10 * 1609.344 / 3600, EXACT);
  }

  @Test
  void treatsPerMinuteCountsAsTheirCanonicalRate() {
    assertThat(Metric.HEART_RATE.toCanonical(72, Unit.COUNT_PER_MINUTE)).isEqualTo(72);
    assertThat(Metric.RESPIRATORY_RATE.toCanonical(14, Unit.COUNT_PER_MINUTE)).isEqualTo(14);
    assertThat(Metric.CADENCE.toCanonical(88, Unit.REVOLUTIONS_PER_MINUTE)).isEqualTo(88);
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void convertsBackFromCanonicalInEveryAcceptedUnit(Metric metric) {
    // given a value in the middle of the range
    double canonical = (metric.range().min() + metric.range().max()) / 2;

    for (Unit unit : metric.acceptedUnits()) {
      // when
      double inUnit = metric.fromCanonical(canonical, unit);

      // then
      assertThat(metric.toCanonical(inUnit, unit)).as(unit.symbol()).isCloseTo(canonical, EXACT);
    }
  }

  @Test
  void convertsToDisplayUnits() {
    assertThat(Metric.WEIGHT.fromCanonical(0.45359237, Unit.POUND)).isCloseTo(1, EXACT);
    assertThat(Metric.BODY_TEMPERATURE.fromCanonical(37, Unit.DEGREE_FAHRENHEIT))
        .isCloseTo(37 * 9 / 5.0 + 32, EXACT);
  }

  @Test
  void rejectsAUnitThatCannotExpressTheMetric() {
    assertThatThrownBy(() -> Metric.HEART_RATE.toCanonical(70, Unit.KILOGRAM))
        .isInstanceOf(IncompatibleUnitException.class)
        .hasMessage("unit 'kg' cannot express heart_rate; accepted units: bpm, count/min");
  }

  @Test
  void rejectsAConversionBackIntoAnIncompatibleUnit() {
    assertThatThrownBy(() -> Metric.STEPS.fromCanonical(100, Unit.METRE))
        .isInstanceOf(IncompatibleUnitException.class)
        .hasMessageContaining("steps");
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void canonicalUnitIsAcceptedAndConvertsToItself(Metric metric) {
    assertThat(metric.accepts(metric.canonicalUnit())).isTrue();
    assertThat(metric.toCanonical(metric.range().max(), metric.canonicalUnit()))
        .isEqualTo(metric.range().max());
  }

  @Test
  void hasTheCanonicalUnitsOfTheDomain() {
    assertThat(Metric.HEART_RATE.canonicalUnit()).isEqualTo(Unit.BEATS_PER_MINUTE);
    assertThat(Metric.RESTING_HEART_RATE.canonicalUnit()).isEqualTo(Unit.BEATS_PER_MINUTE);
    assertThat(Metric.HRV_RMSSD.canonicalUnit()).isEqualTo(Unit.MILLISECOND);
    assertThat(Metric.HRV_SDNN.canonicalUnit()).isEqualTo(Unit.MILLISECOND);
    assertThat(Metric.STEPS.canonicalUnit()).isEqualTo(Unit.COUNT);
    assertThat(Metric.FLOORS.canonicalUnit()).isEqualTo(Unit.COUNT);
    assertThat(Metric.DISTANCE.canonicalUnit()).isEqualTo(Unit.METRE);
    assertThat(Metric.ACTIVE_ENERGY.canonicalUnit()).isEqualTo(Unit.KILOCALORIE);
    assertThat(Metric.BASAL_ENERGY.canonicalUnit()).isEqualTo(Unit.KILOCALORIE);
    assertThat(Metric.ACTIVE_MINUTES.canonicalUnit()).isEqualTo(Unit.MINUTE);
    assertThat(Metric.SLEEP_SESSION.canonicalUnit()).isEqualTo(Unit.MINUTE);
    assertThat(Metric.WORKOUT.canonicalUnit()).isEqualTo(Unit.MINUTE);
    assertThat(Metric.WEIGHT.canonicalUnit()).isEqualTo(Unit.KILOGRAM);
    assertThat(Metric.BODY_FAT.canonicalUnit()).isEqualTo(Unit.PERCENT);
    assertThat(Metric.SPO2.canonicalUnit()).isEqualTo(Unit.PERCENT);
    assertThat(Metric.RESPIRATORY_RATE.canonicalUnit()).isEqualTo(Unit.BREATHS_PER_MINUTE);
    assertThat(Metric.SKIN_TEMPERATURE.canonicalUnit()).isEqualTo(Unit.DEGREE_CELSIUS);
    assertThat(Metric.BODY_TEMPERATURE.canonicalUnit()).isEqualTo(Unit.DEGREE_CELSIUS);
    assertThat(Metric.SPEED.canonicalUnit()).isEqualTo(Unit.METRE_PER_SECOND);
    assertThat(Metric.CADENCE.canonicalUnit()).isEqualTo(Unit.STEPS_PER_MINUTE);
    assertThat(Metric.SLEEP_STAGE.canonicalUnit()).isEqualTo(Unit.CODE);
  }

  @Test
  void classifiesMetricsByHowTheyRelateToTime() {
    assertThat(Metric.HEART_RATE.kind()).isEqualTo(MetricKind.SAMPLE);
    assertThat(Metric.WEIGHT.kind()).isEqualTo(MetricKind.SAMPLE);
    assertThat(Metric.STEPS.kind()).isEqualTo(MetricKind.INTERVAL_TOTAL);
    assertThat(Metric.DISTANCE.kind()).isEqualTo(MetricKind.INTERVAL_TOTAL);
    assertThat(Metric.ACTIVE_ENERGY.kind()).isEqualTo(MetricKind.INTERVAL_TOTAL);
    assertThat(Metric.SLEEP_STAGE.kind()).isEqualTo(MetricKind.SESSION);
    assertThat(Metric.SLEEP_SESSION.kind()).isEqualTo(MetricKind.SESSION);
    assertThat(Metric.WORKOUT.kind()).isEqualTo(MetricKind.SESSION);
    assertThat(MetricKind.SAMPLE.requiresEnd()).isFalse();
    assertThat(MetricKind.INTERVAL_TOTAL.requiresEnd()).isTrue();
    assertThat(MetricKind.SESSION.requiresEnd()).isTrue();
  }
}
