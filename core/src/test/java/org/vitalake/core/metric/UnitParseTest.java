package org.vitalake.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class UnitParseTest {

  static Stream<Arguments> vendorSpellings() {
    return Stream.of(
        Arguments.of("count/min", Unit.COUNT_PER_MINUTE),
        Arguments.of("bpm", Unit.BEATS_PER_MINUTE),
        Arguments.of("beats/min", Unit.BEATS_PER_MINUTE),
        Arguments.of("BPM", Unit.BEATS_PER_MINUTE),
        Arguments.of("ms", Unit.MILLISECOND),
        Arguments.of("s", Unit.SECOND),
        Arguments.of("min", Unit.MINUTE),
        Arguments.of("h", Unit.HOUR),
        Arguments.of("hr", Unit.HOUR),
        Arguments.of("m", Unit.METRE),
        Arguments.of("km", Unit.KILOMETRE),
        Arguments.of("mi", Unit.MILE),
        Arguments.of("ft", Unit.FOOT),
        Arguments.of("kcal", Unit.KILOCALORIE),
        Arguments.of("Cal", Unit.KILOCALORIE),
        Arguments.of("kJ", Unit.KILOJOULE),
        Arguments.of("KJ", Unit.KILOJOULE),
        Arguments.of("kg", Unit.KILOGRAM),
        Arguments.of("lb", Unit.POUND),
        Arguments.of("lbs", Unit.POUND),
        Arguments.of("g", Unit.GRAM),
        Arguments.of("%", Unit.PERCENT),
        Arguments.of("degC", Unit.DEGREE_CELSIUS),
        Arguments.of("°C", Unit.DEGREE_CELSIUS),
        Arguments.of("degF", Unit.DEGREE_FAHRENHEIT),
        Arguments.of("count", Unit.COUNT),
        Arguments.of("steps", Unit.COUNT),
        Arguments.of("breaths/min", Unit.BREATHS_PER_MINUTE),
        Arguments.of("breaths / min", Unit.BREATHS_PER_MINUTE),
        Arguments.of("cm", Unit.CENTIMETRE),
        Arguments.of("in", Unit.INCH),
        Arguments.of(" km/h ", Unit.KILOMETRE_PER_HOUR),
        Arguments.of("m/s", Unit.METRE_PER_SECOND));
  }

  @ParameterizedTest
  @MethodSource("vendorSpellings")
  void parsesVendorSpellings(String spelling, Unit expected) {
    assertThat(Unit.parse(spelling)).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(Unit.class)
  void parsesEverySpellingItAdvertises(Unit unit) {
    for (String spelling : unit.spellings()) {
      assertThat(Unit.parse(spelling)).as(spelling).isEqualTo(unit);
    }
    assertThat(unit.spellings()).startsWith(unit.symbol());
  }

  @Test
  void refusesLowerCaseCalBecauseVendorsUseItForTwoUnits() {
    assertThatThrownBy(() -> Unit.parse("cal"))
        .isInstanceOf(UnknownUnitException.class)
        .hasMessageContaining("'cal'")
        .hasMessageContaining("kcal");
  }

  @Test
  void rejectsAnUnknownSpellingListingAcceptedOnes() {
    assertThatThrownBy(() -> Unit.parse("furlong"))
        .isInstanceOfSatisfying(
            UnknownUnitException.class,
            e -> {
              assertThat(e.spelling()).isEqualTo("furlong");
              assertThat(e.acceptedSpellings()).contains("bpm", "mi", "kJ", "degF");
              assertThat(e.getMessage()).startsWith("unknown unit 'furlong'; accepted spellings: ");
            });
  }

  @Test
  void listsOnlyTheSpellingsOfTheMetricWhenParsingForAMetric() {
    assertThatThrownBy(() -> Metric.HEART_RATE.parseUnit("beats"))
        .isInstanceOfSatisfying(
            UnknownUnitException.class,
            e -> {
              assertThat(e.metric()).isEqualTo(Metric.HEART_RATE);
              assertThat(e.acceptedSpellings()).contains("bpm", "beats/min", "count/min");
              assertThat(e.acceptedSpellings()).doesNotContain("kg", "mi");
              assertThat(e.getMessage()).startsWith("unknown unit 'beats' for heart_rate");
            });
  }

  @Test
  void parsesAUnitForAMetricAndRejectsAnIncompatibleOne() {
    assertThat(Metric.DISTANCE.parseUnit("mi")).isEqualTo(Unit.MILE);
    assertThatThrownBy(() -> Metric.DISTANCE.parseUnit("kg"))
        .isInstanceOf(IncompatibleUnitException.class)
        .hasMessageContaining("'kg' cannot express distance");
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> Unit.parse(null)).isInstanceOf(UnknownUnitException.class);
  }
}
