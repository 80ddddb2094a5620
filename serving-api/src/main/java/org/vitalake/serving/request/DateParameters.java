package org.vitalake.serving.request;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.vitalake.serving.problem.ProblemException;

/** Parses and checks the date query parameters of the API, answering 400 with what was wrong. */
public final class DateParameters {

  /** Longest range {@code from}-{@code to} a history request may cover, in days. */
  public static final int MAX_RANGE_DAYS = 366;

  /** Earliest and latest years a date parameter may name. */
  public static final int MIN_YEAR = 1900;

  public static final int MAX_YEAR = 2200;

  /** Days a history request covers when it gives no {@code from}. */
  public static final int DEFAULT_RANGE_DAYS = 30;

  private DateParameters() {}

  /** An inclusive range of local dates. */
  public record DateRange(LocalDate from, LocalDate to) {}

  /**
   * Parses an optional {@code YYYY-MM-DD} parameter.
   *
   * @return {@code fallback} when {@code value} is absent
   */
  public static LocalDate parse(String field, String value, LocalDate fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    LocalDate date;
    try {
      date = LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw ProblemException.invalid(
          field, "'" + value + "' is not a date; use YYYY-MM-DD, e.g. 2026-03-14");
    }
    // LocalDate accepts years up to +-999999999, where range arithmetic overflows
    if (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR) {
      throw ProblemException.invalid(
          field, field + " " + value + " is outside the years " + MIN_YEAR + "-" + MAX_YEAR);
    }
    return date;
  }

  /**
   * Parses {@code from} and {@code to}: {@code to} defaults to {@code today}, {@code from} to the
   * {@value #DEFAULT_RANGE_DAYS} days ending at {@code to}; at most {@value #MAX_RANGE_DAYS} days.
   */
  public static DateRange range(String from, String to, LocalDate today) {
    LocalDate end = parse("to", to, today);
    LocalDate start = parse("from", from, end.minusDays(DEFAULT_RANGE_DAYS - 1L));
    if (start.isAfter(end)) {
      throw ProblemException.invalid(
          "from", "from " + start + " is after to " + end + "; from must be on or before to");
    }
    long days = ChronoUnit.DAYS.between(start, end) + 1;
    if (days > MAX_RANGE_DAYS) {
      throw ProblemException.invalid(
          "to",
          "the range "
              + start
              + " to "
              + end
              + " covers "
              + days
              + " days; at most "
              + MAX_RANGE_DAYS
              + " days per request");
    }
    return new DateRange(start, end);
  }
}
