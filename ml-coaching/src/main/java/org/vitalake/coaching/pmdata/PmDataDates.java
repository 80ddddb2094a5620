package org.vitalake.coaching.pmdata;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Parses the date spellings PMData mixes across its files into a local date.
 *
 * <p>Fitbit files use {@code 2019-11-02 00:09:30}, {@code 2019-11-02T07:19:30.000} and US {@code
 * 11/01/19}; the Google Docs reports use day-first {@code 06/11/2019}; PMSys uses UTC instants
 * ({@code 2019-11-01T08:31:40.751Z}), which are moved to the participants' time zone (Norway).
 */
public final class PmDataDates {

  /** PMData participants lived in Norway; PMSys timestamps are UTC. */
  public static final ZoneId PARTICIPANT_ZONE = ZoneId.of("Europe/Oslo");

  private static final Pattern ISO_DATE_PREFIX = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}([ T].*)?$");
  private static final Pattern US_SHORT = Pattern.compile("^\\d{2}/\\d{2}/\\d{2}$");
  private static final Pattern DAY_FIRST_LONG = Pattern.compile("^\\d{2}/\\d{2}/\\d{4}$");
  private static final DateTimeFormatter US_SHORT_FORMAT = DateTimeFormatter.ofPattern("MM/dd/yy");
  private static final DateTimeFormatter DAY_FIRST_FORMAT =
      DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private PmDataDates() {}

  /**
   * Parses one of PMData's date or date-time spellings to the local date it names.
   *
   * @throws IllegalArgumentException naming the text when no spelling matches
   */
  public static LocalDate parseLocalDate(String text) {
    String value = text == null ? "" : text.trim();
    try {
      if (value.endsWith("Z")) {
        return Instant.parse(value).atZone(PARTICIPANT_ZONE).toLocalDate();
      }
      if (ISO_DATE_PREFIX.matcher(value).matches()) {
        return LocalDate.parse(value.substring(0, 10));
      }
      if (US_SHORT.matcher(value).matches()) {
        return LocalDate.parse(value, US_SHORT_FORMAT);
      }
      if (DAY_FIRST_LONG.matcher(value).matches()) {
        return LocalDate.parse(value, DAY_FIRST_FORMAT);
      }
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a valid date: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(
        "'"
            + value
            + "' is not a PMData date (expected 2019-11-02[ 00:09:30], 2019-11-02T07:19:30.000,"
            + " 2019-11-01T08:31:40.751Z, 11/01/19 or 06/11/2019)");
  }
}
