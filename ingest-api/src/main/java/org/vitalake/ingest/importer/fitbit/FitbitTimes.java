package org.vitalake.ingest.importer.fitbit;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import org.vitalake.ingest.importer.RecordException;

/**
 * Reads the Fitbit Web API's local, zone-less times ({@code 2019-11-02 00:09:30}, {@code
 * 2019-11-02T07:19:30.000}, {@code 2019-11-02}) in the user's time zone.
 */
final class FitbitTimes {

  private FitbitTimes() {}

  static ZonedDateTime parse(String field, String text, ZoneId zone) {
    if (text == null || text.isBlank()) {
      throw new RecordException(field, field + " is missing");
    }
    try {
      String iso = text.strip().replace(' ', 'T');
      LocalDateTime local =
          iso.length() == 10 ? LocalDate.parse(iso).atStartOfDay() : LocalDateTime.parse(iso);
      return ZonedDateTime.of(local, zone);
    } catch (DateTimeParseException e) {
      throw new RecordException(
          field,
          field
              + " '"
              + text
              + "' is not a time like 2019-11-02 00:09:30 or 2019-11-02T00:09:30.000");
    }
  }

  /**
   * A date and a separate time of day ({@code 2015-06-23} and {@code 11:55} or {@code 11:55:00}).
   */
  static ZonedDateTime parse(
      String dateField, String date, String timeField, String time, ZoneId zone) {
    ZonedDateTime day = parse(dateField, date, zone);
    if (time == null || time.isBlank()) {
      throw new RecordException(timeField, timeField + " is missing");
    }
    try {
      return ZonedDateTime.of(day.toLocalDate(), LocalTime.parse(time.strip()), zone);
    } catch (DateTimeParseException e) {
      throw new RecordException(
          timeField, timeField + " '" + time + "' is not a time of day like 11:55:00");
    }
  }
}
