package org.vitalake.ingest.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoTimestampTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2025-11-21T07:30:00+01:00",
        "2025-11-21T07:30:00.5-03:30",
        "2024-02-29T23:59:59.123456789+14:00",
        "2025-01-01T00:00:00+00:00",
        "2025-11-21T07:30+01:00"
      })
  void agreesWithTheJdkParserOnInstantAndOffset(String text) {
    OffsetDateTime expected = OffsetDateTime.parse(text);

    IsoTimestamp parsed = IsoTimestamp.parse(text);

    assertThat(parsed.instant()).isEqualTo(expected.toInstant());
    assertThat(parsed.offset()).isEqualTo(expected.getOffset());
  }

  @ParameterizedTest
  @ValueSource(strings = {"2025-11-21T07:30:00Z", "2025-11-21T07:30:00.250Z"})
  void readsTheUtcLetterAsAnInstantWithoutOffset(String text) {
    IsoTimestamp parsed = IsoTimestamp.parse(text);

    assertThat(parsed.instant()).isEqualTo(OffsetDateTime.parse(text).toInstant());
    assertThat(parsed.offset()).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2025-11-21",
        "2025-11-21T07:30:00",
        "2025-02-30T07:30:00Z",
        "yesterday",
        "2025-11-21T25:00:00Z"
      })
  void rejectsTextThatIsNotADateTimeWithOffset(String text) {
    assertThatThrownBy(() -> IsoTimestamp.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"+02:00", "7200", "-05:30"})
  void parsesOffsetsAsTextOrSeconds(String text) {
    ZoneOffset expected =
        text.contains(":")
            ? ZoneOffset.of(text)
            : ZoneOffset.ofTotalSeconds(Integer.parseInt(text));

    assertThat(IsoTimestamp.parseZoneOffset(text)).isEqualTo(expected);
  }
}
