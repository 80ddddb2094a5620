package org.vitalake.core.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantTextTest {

  private static String spelled(Instant instant) {
    StringBuilder out = new StringBuilder();
    IsoInstantText.append(out, instant);
    return out.toString();
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
      Instant.parse("+10000-01-01T00:00:00Z"),
      Instant.parse("-0001-12-31T23:59:59Z"),
      Instant.MIN,
      Instant.MAX
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
