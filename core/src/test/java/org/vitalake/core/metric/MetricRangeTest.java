package org.vitalake.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MetricRangeTest {

  /** The physiological ranges the platform promises, written down independently of the enum. */
  static Stream<Arguments> physiologicalRanges() {
    return Stream.of(
        Arguments.of(Metric.HEART_RATE, 20, 250),
        Arguments.of(Metric.RESTING_HEART_RATE, 25, 150),
        Arguments.of(Metric.HRV_RMSSD, 1, 300),
        Arguments.of(Metric.HRV_SDNN, 1, 400),
        Arguments.of(Metric.STEPS, 0, 100_000),
        Arguments.of(Metric.WEIGHT, 20, 400),
        Arguments.of(Metric.BODY_FAT, 2, 75),
        Arguments.of(Metric.SPO2, 50, 100),
        Arguments.of(Metric.RESPIRATORY_RATE, 4, 60),
        Arguments.of(Metric.SKIN_TEMPERATURE, 25, 45),
        Arguments.of(Metric.BODY_TEMPERATURE, 30, 45),
        Arguments.of(Metric.DISTANCE, 0, 500_000),
        Arguments.of(Metric.ACTIVE_ENERGY, 0, 20_000),
        Arguments.of(Metric.BASAL_ENERGY, 0, 20_000),
        Arguments.of(Metric.SLEEP_STAGE, 0, 5),
        Arguments.of(Metric.SLEEP_SESSION, 0, 1440),
        Arguments.of(Metric.WORKOUT, 0, 1440),
        Arguments.of(Metric.ACTIVE_MINUTES, 0, 1440));
  }

  @ParameterizedTest
  @MethodSource("physiologicalRanges")
  void acceptsBothBoundsOfThePhysiologicalRange(Metric metric, double min, double max) {
    assertThat(metric.range()).isEqualTo(new ValueRange(min, max));
    assertThat(metric.isInRange(min)).isTrue();
    assertThat(metric.isInRange(max)).isTrue();
    assertThat(metric.requireInRange(max)).isEqualTo(max);
  }

  @ParameterizedTest
  @MethodSource("physiologicalRanges")
  void rejectsValuesJustOutsideTheRange(Metric metric, double min, double max) {
    assertThat(metric.isInRange(Math.nextDown(min))).isFalse();
    assertThat(metric.isInRange(Math.nextUp(max))).isFalse();
    assertThatThrownBy(() -> metric.requireInRange(max + 1))
        .isInstanceOf(ValueOutOfRangeException.class)
        .hasMessageContaining(metric.code())
        .hasMessageContaining(String.valueOf(max + 1))
        .hasMessageContaining(min + "-" + max + " " + metric.canonicalUnit().symbol());
  }

  @Test
  void rejectsHeartRateAboveTwoHundredFifty() {
    assertThatThrownBy(() -> Metric.HEART_RATE.requireInRange(300))
        .isInstanceOf(ValueOutOfRangeException.class)
        .hasMessage("heart_rate 300.0 bpm is outside the physiological range 20.0-250.0 bpm");
  }

  @Test
  void rejectsHeartRateBelowTwenty() {
    assertThatThrownBy(() -> Metric.HEART_RATE.requireInRange(19.9))
        .isInstanceOf(ValueOutOfRangeException.class)
        .hasMessage("heart_rate 19.9 bpm is outside the physiological range 20.0-250.0 bpm");
  }

  @Test
  void rejectsNegativeSteps() {
    assertThatThrownBy(() -> Metric.STEPS.requireInRange(-1))
        .isInstanceOf(ValueOutOfRangeException.class)
        .hasMessage("steps -1.0 count is outside the physiological range 0.0-100000.0 count");
  }

  @Test
  void rejectsSpo2AboveOneHundredPercent() {
    assertThatThrownBy(() -> Metric.SPO2.requireInRange(101))
        .isInstanceOf(ValueOutOfRangeException.class)
        .hasMessage("spo2 101.0 % is outside the physiological range 50.0-100.0 %");
  }

  @Test
  void rejectsAWeightOfFiveHundredKilograms() {
    assertThatThrownBy(() -> Metric.WEIGHT.requireInRange(500))
        .isInstanceOf(ValueOutOfRangeException.class)
        .hasMessageContaining("weight 500.0 kg")
        .hasMessageContaining("20.0-400.0 kg");
  }

  @Test
  void rejectsNonFiniteValuesSayingSo() {
    assertThatThrownBy(() -> Metric.HEART_RATE.requireInRange(Double.NaN))
        .isInstanceOf(ValueOutOfRangeException.class)
        .hasMessageContaining("heart_rate NaN is not a finite number");
    assertThat(Metric.STEPS.isInRange(Double.POSITIVE_INFINITY)).isFalse();
  }

  @Test
  void rangeAppliesAfterConversionToTheCanonicalUnit() {
    // given 400 lb, which is over 181 kg and inside the weight range
    double kg = Metric.WEIGHT.toCanonical(400, Unit.POUND);

    // when / then
    assertThat(Metric.WEIGHT.isInRange(kg)).isTrue();
    assertThat(Metric.WEIGHT.isInRange(Metric.WEIGHT.toCanonical(1000, Unit.POUND))).isFalse();
  }

  @Test
  void sleepStageRangeCoversEveryStageCode() {
    for (SleepStage stage : SleepStage.values()) {
      assertThat(Metric.SLEEP_STAGE.isInRange(stage.code())).as(stage.name()).isTrue();
    }
  }
}
