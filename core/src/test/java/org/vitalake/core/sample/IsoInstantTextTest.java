package org.vitalake.core.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantTextTest {

  /** The instant as written, or as Instant.toString() spells the years the writer leaves. */
  private static String spelled(Instant instant) {
    if (!IsoInstantText.writes(instant)) {
      return instant.toString();
    }
    byte[] out = new byte[40];
    int end = IsoInstantText.write(out, 3, instant);
    assertThat(end - 3).as("written length").isEqualTo(IsoInstantText.length(instant));
    return new String(out, 3, end - 3, StandardCharsets.US_ASCII);
  }

  @Test
  void spellsEdgeInstantsExactlyAsInstantToString() {
    // given
    Instant[] instants = {
      Instant.EPOCH,
      Instant.ofEpochSecond(-1),
      Instant.ofEpochSecond(-1, 999_999_999),
      Instant.parse("2026-03-29T01:00:00Z"),
      Instant.parse("2024-02-29T23:59:59.999999999Z"),
      Instant.parse("2026-11-21T06:30:00.100Z"),
      Instant.parse("2026-11-21T06:30:00.000100Z"),
      Instant.parse("2026-11-21T06:30:00.000000100Z"),
      Instant.parse("0000-01-01T00:00:00Z"),
      Instant.parse("9999-12-31T23:59:59.5Z"),
    };

    for (Instant instant : instants) {
      // when
      String text = spelled(instant);

      // then
      assertThat(text)
          .as("epoch second %d", instant.getEpochSecond())
          .isEqualTo(instant.toString());
    }
  }

  @Test
  void leavesYearsOutside0000To9999ToInstantToString() {
    assertThat(IsoInstantText.writes(Instant.parse("+10000-01-01T00:00:00Z"))).isFalse();
    assertThat(IsoInstantText.writes(Instant.parse("-0001-12-31T23:59:59.999999999Z"))).isFalse();
    assertThat(IsoInstantText.writes(Instant.MIN)).isFalse();
    assertThat(IsoInstantText.writes(Instant.MAX)).isFalse();
    assertThat(IsoInstantText.writes(Instant.parse("0000-01-01T00:00:00Z"))).isTrue();
    assertThat(IsoInstantText.writes(Instant.parse("9999-12-31T23:59:59.999999999Z"))).isTrue();
  }

  @Test
  void spellsRandomInstantsOfEveryFractionShapeExactlyAsInstantToString() {
    // given: seconds across years 0000-9999, and fractions of none, 3, 6 and 9 digits
    SplittableRandom random = new SplittableRandom(20261121);
    long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 200_000; i++) {
      long seconds = random.nextLong(first, last + 1);
      int nanos =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      Instant instant = Instant.ofEpochSecond(seconds, nanos);

      // when
      String text = spelled(instant);

      // then
      assertThat(text).isEqualTo(instant.toString());
    }
  }
}
