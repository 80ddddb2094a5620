package org.vitalake.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SleepStageTest {

  @Test
  void hasTheDocumentedCodes() {
    assertThat(SleepStage.AWAKE.code()).isZero();
    assertThat(SleepStage.LIGHT.code()).isEqualTo(1);
    assertThat(SleepStage.DEEP.code()).isEqualTo(2);
    assertThat(SleepStage.REM.code()).isEqualTo(3);
    assertThat(SleepStage.ASLEEP.code()).isEqualTo(4);
    assertThat(SleepStage.IN_BED.code()).isEqualTo(5);
  }

  @ParameterizedTest
  @EnumSource(SleepStage.class)
  void roundTripsThroughItsCode(SleepStage stage) {
    assertThat(SleepStage.fromCode(stage.code())).isEqualTo(stage);
    assertThat(SleepStage.parse(stage.name())).isEqualTo(stage);
  }

  @ParameterizedTest
  @CsvSource({
    "wake, AWAKE",
    "restless, AWAKE",
    "light, LIGHT",
    "deep, DEEP",
    "rem, REM",
    "REM, REM",
    "asleep, ASLEEP",
    "inBed, IN_BED",
    "HKCategoryValueSleepAnalysisAsleepCore, LIGHT",
    "HKCategoryValueSleepAnalysisAsleepDeep, DEEP",
    "HKCategoryValueSleepAnalysisAsleepREM, REM",
    "HKCategoryValueSleepAnalysisInBed, IN_BED",
    "HKCategoryValueSleepAnalysisAsleepUnspecified, ASLEEP",
    "HKCategoryValueSleepAnalysisAwake, AWAKE"
  })
  void parsesVendorStageNames(String name, SleepStage expected) {
    assertThat(SleepStage.parse(name)).isEqualTo(expected);
  }

  @Test
  void rejectsAnUnknownCodeNamingTheRange() {
    assertThatThrownBy(() -> SleepStage.fromCode(6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sleep stage code 6 is outside the range 0-5");
  }

  @Test
  void rejectsAnUnknownNameListingStages() {
    assertThatThrownBy(() -> SleepStage.parse("nap"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'nap'")
        .hasMessageContaining("awake, light, deep, rem, asleep, in_bed");
  }
}
