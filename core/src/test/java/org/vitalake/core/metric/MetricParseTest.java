package org.vitalake.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class MetricParseTest {

  static Stream<Arguments> aliases() {
    return Stream.of(
        Arguments.of("heart_rate", Metric.HEART_RATE),
        Arguments.of("heartRate", Metric.HEART_RATE),
        Arguments.of("HeartRate", Metric.HEART_RATE),
        Arguments.of("heart-rate", Metric.HEART_RATE),
        Arguments.of("hr", Metric.HEART_RATE),
        Arguments.of("HR", Metric.HEART_RATE),
        Arguments.of("restingHeartRate", Metric.RESTING_HEART_RATE),
        Arguments.of("step_count", Metric.STEPS),
        Arguments.of("stepCount", Metric.STEPS),
        Arguments.of("steps", Metric.STEPS),
        Arguments.of("hrv", Metric.HRV_RMSSD),
        Arguments.of("SDNN", Metric.HRV_SDNN),
        Arguments.of("SpO2", Metric.SPO2),
        Arguments.of("oxygenSaturation", Metric.SPO2),
        Arguments.of("bodyMass", Metric.WEIGHT),
        Arguments.of("activeEnergyBurned", Metric.ACTIVE_ENERGY),
        Arguments.of("basalEnergyBurned", Metric.BASAL_ENERGY),
        Arguments.of("flightsClimbed", Metric.FLOORS),
        Arguments.of("distanceWalkingRunning", Metric.DISTANCE),
        Arguments.of("sleep", Metric.SLEEP_SESSION),
        Arguments.of(" sleep_stage ", Metric.SLEEP_STAGE));
  }

  @ParameterizedTest
  @MethodSource("aliases")
  void parsesCodesAndCommonAliases(String name, Metric expected) {
    assertThat(Metric.parse(name)).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void parsesItsOwnCodeAndEveryAlias(Metric metric) {
    assertThat(Metric.parse(metric.code())).isEqualTo(metric);
    for (String alias : metric.aliases()) {
      assertThat(Metric.parse(alias)).as(alias).isEqualTo(metric);
    }
  }

  @Test
  void codesAreSnakeCaseAndUnique() {
    Set<String> codes = new HashSet<>();
    for (Metric metric : Metric.values()) {
      assertThat(metric.code()).matches("[a-z][a-z0-9_]*");
      assertThat(codes.add(metric.code())).as(metric.code()).isTrue();
    }
  }

  @Test
  void rejectsAnUnknownMetricListingValidCodes() {
    assertThatThrownBy(() -> Metric.parse("blood_glucose"))
        .isInstanceOfSatisfying(
            UnknownMetricException.class,
            e -> {
              assertThat(e.spelling()).isEqualTo("blood_glucose");
              assertThat(e.validCodes())
                  .containsExactlyElementsOf(
                      Arrays.stream(Metric.values()).map(Metric::code).toList());
              assertThat(e.getMessage())
                  .startsWith("unknown metric 'blood_glucose'; valid metrics: heart_rate, ");
            });
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> Metric.parse(null)).isInstanceOf(UnknownMetricException.class);
  }
}
