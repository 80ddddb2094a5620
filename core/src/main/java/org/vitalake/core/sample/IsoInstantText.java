package org.vitalake.core.sample;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Appends an {@link Instant} exactly as {@link Instant#toString()} spells it, without the
 * general-purpose formatter behind it: the sample key spells two instants for every stored sample,
 * and {@code Instant.toString()} was most of that key's cost on the ingest path.
 *
 * <p>Years 0000-9999 are written here; any other year falls back to {@code Instant.toString()},
 * whose spelling of them ({@code +10000-...}, {@code -0001-...}) is then used as is.
 */
final class IsoInstantText {

  private static final long SECONDS_PER_DAY = 86_400;

  /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z, in seconds since 1970. */
  private static final long FIRST_SECOND = -62_167_219_200L;

  private static final long END_SECOND = 253_402_300_800L;

  private IsoInstantText() {}

  /** Appends {@code instant} as {@code yyyy-MM-ddTHH:mm:ss[.SSS|.SSSSSS|.SSSSSSSSS]Z}. */
  static void append(StringBuilder out, Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < FIRST_SECOND || seconds >= END_SECOND) {
      out.append(instant);
      return;
    }
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    digits(out, date.getYear(), 4);
    out.append('-');
    digits(out, date.getMonthValue(), 2);
    out.append('-');
    digits(out, date.getDayOfMonth(), 2);
    out.append('T');
    digits(out, secondOfDay / 3600, 2);
    out.append(':');
    digits(out, secondOfDay / 60 % 60, 2);
    out.append(':');
    digits(out, secondOfDay % 60, 2);
    int nanos = instant.getNano();
    if (nanos != 0) {
      // as few groups of three digits as represent the fraction exactly
      out.append('.');
      if (nanos % 1_000_000 == 0) {
        digits(out, nanos / 1_000_000, 3);
      } else if (nanos % 1_000 == 0) {
        digits(out, nanos / 1_000, 6);
      } else {
        digits(out, nanos, 9);
      }
    }
    out.append('Z');
  }

  /** {@code value} (non-negative) left-padded with zeros to {@code width} digits. */
  private static void digits(StringBuilder out, int value, int width) {
    for (int divisor = pow10(width - 1); divisor > 0; divisor /= 10) {
      out.append((char) ('0' + value / divisor % 10));
    }
  }

  private static int pow10(int exponent) {
    int p = 1;
    for (int i = 0; i < exponent; i++) {
      p *= 10;
    }
    return p;
  }
}
