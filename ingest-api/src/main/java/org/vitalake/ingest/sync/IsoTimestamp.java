package org.vitalake.ingest.sync;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * An ISO-8601 timestamp as clients send it: an instant plus the offset it was written in.
 *
 * @param instant the point in time
 * @param offset the offset the client wrote ({@code +02:00}); {@code null} for {@code Z}, which
 *     says the client converted to UTC and dropped the local offset
 */
public record IsoTimestamp(Instant instant, ZoneOffset offset) {

  /**
   * Parses {@code 2025-11-21T15:29:45Z}, {@code 2025-11-21T15:29:45.250+02:00} and the other
   * ISO-8601 date-times with an offset.
   *
   * @throws IllegalArgumentException naming the text and the expected form
   */
  public static IsoTimestamp parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(
          "is required (ISO-8601 with offset, e.g. 2025-11-21T07:30:00+01:00)");
    }
    IsoTimestamp fast = parseCommonForm(text);
    if (fast != null) {
      return fast;
    }
    try {
      OffsetDateTime parsed = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      boolean utcLetter = text.endsWith("Z") || text.endsWith("z");
      return new IsoTimestamp(parsed.toInstant(), utcLetter ? null : parsed.getOffset());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not an ISO-8601 date-time with offset (e.g. 2025-11-21T07:30:00+01:00 or"
              + " 2025-11-21T06:30:00Z)");
    }
  }

  /**
   * The layout nearly every client sends ({@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:MM)}), parsed
   * without the formatter machinery, which costs more than the JSON around it; {@code null} for
   * anything else, which then goes through the full ISO parser.
   */
  private static IsoTimestamp parseCommonForm(String s) {
    int n = s.length();
    if (n < 20
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    if ((year | month | day | hour | minute | second) < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 28 && day > java.time.YearMonth.of(year, month).lengthOfMonth()
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (i < n && s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && Character.isDigit(s.charAt(i))) {
        i++;
      }
      int count = i - start;
      if (count < 1 || count > 9) {
        return null;
      }
      nanos = digits(s, start, i);
      for (int k = count; k < 9; k++) {
        nanos *= 10;
      }
    }
    ZoneOffset offset;
    if (i == n - 1 && (s.charAt(i) == 'Z' || s.charAt(i) == 'z')) {
      offset = null;
    } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
      int oh = digits(s, i + 1, i + 3);
      int om = digits(s, i + 4, i + 6);
      if (oh < 0 || om < 0 || oh > 18 || om > 59) {
        return null;
      }
      int seconds = (oh * 3600 + om * 60) * (s.charAt(i) == '-' ? -1 : 1);
      if (Math.abs(seconds) > 18 * 3600) {
        return null;
      }
      offset = ZoneOffset.ofTotalSeconds(seconds);
    } else {
      return null;
    }
    long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
    long epochSecond =
        epochDay * 86_400
            + hour * 3600L
            + minute * 60L
            + second
            - (offset == null ? 0 : offset.getTotalSeconds());
    return new IsoTimestamp(Instant.ofEpochSecond(epochSecond, nanos), offset);
  }

  /**
   * Parses an offset as clients send it: {@code "+02:00"}, {@code "Z"}, or a number of seconds such
   * as {@code 7200} (also as text).
   *
   * @throws IllegalArgumentException naming the value and the accepted forms
   */
  public static ZoneOffset parseZoneOffset(Object value) {
    try {
      if (value instanceof Number n) {
        double seconds = n.doubleValue();
        if (seconds == Math.rint(seconds) && Math.abs(seconds) <= 18 * 3600) {
          return ZoneOffset.ofTotalSeconds((int) seconds);
        }
      } else if (value instanceof String s) {
        String text = s.strip();
        return text.matches("-?\\d+")
            ? ZoneOffset.ofTotalSeconds(Integer.parseInt(text))
            : ZoneOffset.of(text);
      }
    } catch (java.time.DateTimeException | NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "'"
            + value
            + "' is not an offset between -18:00 and +18:00 (e.g. \"+02:00\" or 7200 seconds)");
  }

  private static int digits(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
