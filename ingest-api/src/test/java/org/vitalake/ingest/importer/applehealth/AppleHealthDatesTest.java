package org.vitalake.ingest.importer.applehealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vitalake.ingest.importer.RecordException;

class AppleHealthDatesTest {

  @ParameterizedTest
  @CsvSource({
    "2024-03-31 01:30:00 +0200, +02:00",
    "2024-03-31 01:30:00 -0330, -03:30",
    "2024-03-31 01:30:00 +0545, +05:45",
    "2024-03-31 01:30:00 -0000, Z",
    "2024-03-31 01:30:00 +1800, +18:00"
  })
  void readsTheOffsetAndTheInstantEachTime(String text, String offset) {
    for (int i = 0; i < 3; i++) {
      // when
      ZoneOffset parsed = AppleHealthDates.parseOffset("startDate", text);
      Instant instant = AppleHealthDates.parseInstant("startDate", text);

      // then
      assertThat(parsed).isEqualTo(ZoneOffset.of(offset));
      assertThat(instant)
          .isEqualTo(OffsetDateTime.parse("2024-03-31T01:30:00" + offset).toInstant());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-03-31 01:30:00 +1900",
        "2024-03-31 01:30:00 +0060",
        "2024-03-31 01:30:00 -1801",
        "2024-03-31 01:30:00 *0200",
        "2024-03-31 01:30:00 +02:0"
      })
  void refusesAnOffsetOutOfRangeEveryTime(String text) {
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> AppleHealthDates.parseOffset("startDate", text))
          .isInstanceOf(RecordException.class)
          .hasMessageContaining("startDate");
    }
  }

  @RepeatedTest(2)
  void givesOppositeOffsetsForOppositeSigns() {
    assertThat(AppleHealthDates.parseOffset("endDate", "2024-01-01 00:00:00 +0130"))
        .isEqualTo(ZoneOffset.ofHoursMinutes(1, 30));
    assertThat(AppleHealthDates.parseOffset("endDate", "2024-01-01 00:00:00 -0130"))
        .isEqualTo(ZoneOffset.ofHoursMinutes(-1, -30));
  }
}
