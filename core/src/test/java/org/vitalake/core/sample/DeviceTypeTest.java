package org.vitalake.core.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class DeviceTypeTest {

  @ParameterizedTest
  @EnumSource(DeviceType.class)
  void parsesItsCodeAndName(DeviceType type) {
    assertThat(DeviceType.parse(type.code())).isEqualTo(type);
    assertThat(DeviceType.parse(type.name())).isEqualTo(type);
  }

  @ParameterizedTest
  @CsvSource({
    "chestStrap, CHEST_STRAP",
    "chest-strap, CHEST_STRAP",
    "Watch, WATCH",
    "hrm, CHEST_STRAP"
  })
  void parsesSpellingVariants(String value, DeviceType expected) {
    assertThat(DeviceType.parse(value)).isEqualTo(expected);
  }

  @Test
  void treatsAMissingTypeAsUnknown() {
    assertThat(DeviceType.parse(null)).isEqualTo(DeviceType.UNKNOWN);
    assertThat(DeviceType.parse(" ")).isEqualTo(DeviceType.UNKNOWN);
  }

  @Test
  void rejectsAnUnknownTypeListingTheCodes() {
    assertThatThrownBy(() -> DeviceType.parse("toaster"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown device type 'toaster'; valid device types: watch, ring, phone, scale,"
                + " chest_strap, manual, unknown");
  }
}
