package org.vitalake.ingest.importer.fitabase;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.vitalake.ingest.importer.RecordException;

/**
 * Reads Fitabase's zone-less US timestamps ({@code 4/12/2016 1:00:00 AM}, {@code 4/12/2016}) in the
 * user's time zone.
 */
final class FitabaseTimes {

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("M/d/yyyy", Locale.US);

  private FitabaseTimes() {}

  /** A timestamp with or without its time of day, placed in {@code zone}. */
  static ZonedDateTime parse(String column, String text, ZoneId zone) {
    if (text == null) {
      throw new RecordException(column, column + " is empty");
    }
    try {
      LocalDateTime local =
          text.indexOf(' ') < 0
              ? LocalDate.parse(text, DATE).atStartOfDay()
              : LocalDateTime.parse(text, DATE_TIME);
      return ZonedDateTime.of(local, zone);
    } catch (DateTimeParseException e) {
      throw new RecordException(
          column, column + " '" + text + "' is not a date like 4/12/2016 or 4/12/2016 1:00:00 AM");
    } catch (DateTimeException e) {
      throw new RecordException(column, column + " '" + text + "': " + e.getMessage());
    }
  }

  /**
   * Removes the single-precision noise Fitabase writes ({@code 1.879999995} for 1.88) by rounding
   * to six decimals.
   */
  static double denoise(double value) {
    return Math.round(value * 1e6) / 1e6;
  }
}
