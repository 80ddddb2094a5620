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

  @ParameterizedTest
  @CsvSource({
    "startDate, 2024-13-01 01:02:27 +0200",
    "startDate, 2024-00-01 01:02:27 +0200",
    "endDate, 2024-01-00 01:02:27 +0200",
    "endDate, 2024-01-32 01:02:27 +0200",
    "creationDate, 2024-02-30 01:02:27 +0200",
    "startDate, 2023-02-29 01:02:27 +0200",
    "startDate, 2024-04-31 01:02:27 +0200",
    "endDate, 2024-01-01 24:00:00 +0200",
    "startDate, 2024-01-01 15:75:00 +0200",
    "startDate, 2024-01-01 15:00:60 +0200",
    "endDate, 2024-01-01 15:00:00 +1900",
    "creationDate, 2024-01-01 15:00:00 +0260"
  })
  void refusesAPartOutOfRangeNamingTheAttributeAndTheText(String field, String text) {
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> AppleHealthDates.parseInstant(field, text))
          .isInstanceOf(RecordException.class)
          .hasMessageContaining(field)
          .hasMessageContaining(text)
          .extracting(e -> ((RecordException) e).field())
          .isEqualTo(field);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-02-29 23:59:59 +0000",
        "2023-02-28 00:00:00 +0100",
        "2000-02-29 12:00:00 -0500",
        "2024-12-31 23:59:59 +1400",
        "2024-04-30 00:00:00 -1200"
      })
  void readsTheLastValidDayHourMinuteAndSecondAsJavaTimeDoes(String text) {
    // given: the same text as ISO-8601, parsed by java.time
    Instant expected =
        OffsetDateTime.parse(
                text.substring(0, 10)
                    + "T"
                    + text.substring(11, 19)
                    + text.substring(20, 23)
                    + ":"
                    + text.substring(23))
            .toInstant();

    // when
    Instant parsed = AppleHealthDates.parseInstant("startDate", text);

    // then
    assertThat(parsed).isEqualTo(expected);
  }
}
