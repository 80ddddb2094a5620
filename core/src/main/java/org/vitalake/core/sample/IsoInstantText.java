package org.vitalake.core.sample;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes an {@link Instant} as ASCII bytes exactly as {@link Instant#toString()} spells it, without
 * the general-purpose formatter behind it: the sample key spells two instants for every stored
 * sample, and {@code Instant.toString()} was most of that key's cost on the ingest path.
 *
 * <p>Years 0000-9999 are written here ({@link #writes}); callers spell any other year with {@code
 * Instant.toString()} ({@code +10000-...}, {@code -0001-...}).
 */
final class IsoInstantText {

  private static final long SECONDS_PER_DAY = 86_400;

  /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z, in seconds since 1970. */
  private static final long FIRST_SECOND = -62_167_219_200L;

  private static final long END_SECOND = 253_402_300_800L;

  /** {@code yyyy-MM-ddTHH:mm:ssZ} */
  private static final int WHOLE_SECOND_LENGTH = 20;

  private IsoInstantText() {}

  /** Whether {@link #write} spells {@code instant} (its year is 0000-9999). */
  static boolean writes(Instant instant) {
    long seconds = instant.getEpochSecond();
    return seconds >= FIRST_SECOND && seconds < END_SECOND;
  }

  /**
   * How many characters {@code Instant.toString()} spells {@code instant} with, for {@link #writes}
   * ones.
   */
  static int length(Instant instant) {
    int nanos = instant.getNano();
    if (nanos == 0) {
      return WHOLE_SECOND_LENGTH;
    }
    // as few groups of three digits as represent the fraction exactly, after a '.'
    return WHOLE_SECOND_LENGTH + 1 + fractionDigits(nanos);
  }

  /**
   * Writes {@code instant} ({@link #writes} must hold) as {@code
   * yyyy-MM-ddTHH:mm:ss[.SSS|.SSSSSS|.SSSSSSSSS]Z} at {@code out[at]}.
   *
   * @return the position after the last byte written
   */
  static int write(byte[] out, int at, Instant instant) {
    long seconds = instant.getEpochSecond();
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    int p = digits(out, at, date.getYear(), 4);
    out[p++] = '-';
    p = digits(out, p, date.getMonthValue(), 2);
    out[p++] = '-';
    p = digits(out, p, date.getDayOfMonth(), 2);
    out[p++] = 'T';
    p = digits(out, p, secondOfDay / 3600, 2);
    out[p++] = ':';
    p = digits(out, p, secondOfDay / 60 % 60, 2);
    out[p++] = ':';
    p = digits(out, p, secondOfDay % 60, 2);
    int nanos = instant.getNano();
    if (nanos != 0) {
      out[p++] = '.';
      int width = fractionDigits(nanos);
      p = digits(out, p, nanos / (width == 3 ? 1_000_000 : width == 6 ? 1_000 : 1), width);
    }
    out[p++] = 'Z';
    return p;
  }

  private static int fractionDigits(int nanos) {
    return nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
  }

  /** {@code value} (non-negative) left-padded with zeros to {@code width} digits. */
  private static int digits(byte[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return at + width;
  }
}
