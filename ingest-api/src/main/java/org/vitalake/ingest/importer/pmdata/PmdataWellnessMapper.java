package org.vitalake.ingest.importer.pmdata;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vitalake.core.id.UserId;
import org.vitalake.core.journal.JournalEntry;
import org.vitalake.core.journal.WellnessContent;
import org.vitalake.ingest.importer.CsvReader;
import org.vitalake.ingest.importer.RecordException;

/**
 * Maps a {@code pmsys/wellness.csv} row (the morning questionnaire: fatigue, mood, readiness, sleep
 * duration and quality, soreness, stress) to a wellness journal entry at the time it was filled in.
 */
final class PmdataWellnessMapper {

  private static final List<String> SCORES =
      List.of(
          "fatigue",
          "mood",
          "readiness",
          "sleep_duration_h",
          "sleep_quality",
          "soreness",
          "stress");

  JournalEntry map(CsvReader.Row row, UserId user, ZoneId zone) {
    String time = row.require("effective_time_frame");
    Instant at = parseInstant("effective_time_frame", time);
    Map<String, Double> scores = new LinkedHashMap<>();
    for (String score : SCORES) {
      Double value = row.number(score);
      if (value != null) {
        scores.put(score, value);
      }
    }
    return PmdataEntries.create(user, "wellness", time, at, zone, new WellnessContent(scores));
  }

  static Instant parseInstant(String column, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new RecordException(
          column, column + " '" + text + "' is not a UTC time like 2019-11-01T08:31:40.751Z");
    }
  }
}
