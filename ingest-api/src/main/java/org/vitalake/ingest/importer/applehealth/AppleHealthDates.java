package org.vitalake.ingest.importer.applehealth;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;
import org.vitalake.ingest.importer.RecordException;

/**
 * Reads Apple Health's {@code 2024-01-01 01:01:36 +0200} timestamps by position: exports hold
 * millions of them, and a formatter costs more than the rest of the parsing.
 */
final class AppleHealthDates {

  private static final int LENGTH = "2024-01-01 01:01:36 +0200".length();

  /**
   * Offsets by sign, hours and minutes as written ({@code +0200} at 200, {@code -0330} at 10,330):
   * an export repeats a few of them millions of times, and {@link ZoneOffset#ofHoursMinutes}
   * validates and looks each one up again.
   */
  private static final ZoneOffset[] OFFSETS = new ZoneOffset[20_000];

  private AppleHealthDates() {}

  /**
   * The instant the text names; a month, day, hour, minute or second out of range is refused like
   * any other malformed timestamp, naming {@code field}.
   */
  static Instant parseInstant(String field, String text) {
    check(field, text);
    int year = number(field, text, 0, 4);
    int month = number(field, text, 5, 7);
    int day = number(field, text, 8, 10);
    int hour = number(field, text, 11, 13);
    int minute = number(field, text, 14, 16);
    int second = number(field, text, 17, 19);
    // checked here so that LocalDate.of never throws: its message would name no field
    if (month < 1
        || month > 12
        || day < 1
        || day > Month.of(month).length(Year.isLeap(year))
        || hour > 23
        || minute > 59
        || second > 59) {
      throw invalid(field, text);
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    int seconds = hour * 3600 + minute * 60 + second;
    return Instant.ofEpochSecond(
        epochDay * 86_400 + seconds - parseOffset(field, text).getTotalSeconds());
  }

  /** The offset the timestamp was written in, e.g. {@code +02:00}. */
  static ZoneOffset parseOffset(String field, String text) {
    check(field, text);
    char sign = text.charAt(20);
    if (sign != '+' && sign != '-') {
      throw invalid(field, text);
    }
    int hours = number(field, text, 21, 23);
    int minutes = number(field, text, 23, 25);
    int index = (sign == '+' ? 0 : 10_000) + hours * 100 + minutes;
    // a racing thread stores an equal offset: ZoneOffset is immutable
    ZoneOffset offset = OFFSETS[index];
    if (offset == null) {
      try {
        offset =
            sign == '+'
                ? ZoneOffset.ofHoursMinutes(hours, minutes)
                : ZoneOffset.ofHoursMinutes(-hours, -minutes);
      } catch (java.time.DateTimeException e) {
        throw invalid(field, text);
      }
      OFFSETS[index] = offset;
    }
    return offset;
  }

  private static void check(String field, String text) {
    if (text == null) {
      throw new RecordException(field, field + " is missing");
    }
    if (text.length() != LENGTH
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != ' '
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(19) != ' ') {
      throw invalid(field, text);
    }
  }

  private static int number(String field, String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw invalid(field, text);
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static RecordException invalid(String field, String text) {
    return new RecordException(
        field, field + " '" + text + "' is not a timestamp like 2024-01-01 01:01:36 +0200");
  }
}
