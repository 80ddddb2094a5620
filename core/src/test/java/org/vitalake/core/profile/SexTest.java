package org.vitalake.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SexTest {

  @ParameterizedTest
  @CsvSource({
    "female, FEMALE",
    "F, FEMALE",
    "MALE, MALE",
    "m, MALE",
    "other, OTHER",
    "non-binary, OTHER",
    "prefer not to say, UNSPECIFIED"
  })
  void parsesCommonSpellings(String value, Sex expected) {
    assertThat(Sex.parse(value)).isEqualTo(expected);
  }

  @Test
  void treatsAMissingValueAsUnspecified() {
    assertThat(Sex.parse(null)).isEqualTo(Sex.UNSPECIFIED);
  }

  @Test
  void rejectsAnUnknownValueListingTheCodes() {
    assertThatThrownBy(() -> Sex.parse("q"))
        .isInstanceOf(InvalidProfileException.class)
        .hasMessage("unknown sex 'q'; valid values: female, male, other, unspecified");
  }
}
