package org.vitalake.ingest.importer.pmdata;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.vitalake.core.id.UserId;
import org.vitalake.core.journal.ActivityContent;
import org.vitalake.core.journal.JournalEntry;
import org.vitalake.ingest.importer.CsvReader;
import org.vitalake.ingest.importer.RecordException;

/**
 * Maps a {@code pmsys/srpe.csv} row (a training session: activity names, perceived exertion 0-10,
 * minutes, reported at its end) to an activity journal entry starting {@code duration_min} before
 * {@code end_date_time}; the exertion becomes the intensity band (see PMData.md).
 */
final class PmdataSrpeMapper {

  JournalEntry map(CsvReader.Row row, UserId user, ZoneId zone) {
    String endText = row.require("end_date_time");
    Instant end = PmdataWellnessMapper.parseInstant("end_date_time", endText);
    List<String> names = parseNames(row.get("activity_names"));
    if (names.isEmpty()) {
      throw new RecordException(
          "activity_names", "activity_names is empty ('" + row.get("activity_names") + "')");
    }
    Double minutes = row.number("duration_min");
    Double exertion = row.number("perceived_exertion");
    Instant start = minutes == null ? end : end.minusSeconds(Math.round(minutes * 60));
    ActivityContent content =
        new ActivityContent(String.join(", ", names), minutes, intensity(exertion));
    return PmdataEntries.create(user, "srpe", endText, start, zone, content);
  }

  /** {@code ['individual', 'running']} as PMData writes Python lists. */
  static List<String> parseNames(String text) {
    List<String> names = new ArrayList<>();
    if (text == null) {
      return names;
    }
    String inner = text.strip();
    if (inner.startsWith("[") && inner.endsWith("]")) {
      inner = inner.substring(1, inner.length() - 1);
    } else if (inner.equals("{}")) {
      return names;
    }
    for (String part : inner.split(",")) {
      String name = part.strip().replaceAll("^['\"]|['\"]$", "").strip();
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return names;
  }

  /** Borg CR-10 bands: up to 2 light, 3-4 moderate, 5 and above hard. */
  static String intensity(Double exertion) {
    if (exertion == null) {
      return null;
    }
    if (exertion < 0 || exertion > 10) {
      throw new RecordException(
          "perceived_exertion", "perceived_exertion " + exertion + " is outside 0-10");
    }
    return exertion <= 2 ? "low" : exertion <= 4 ? "moderate" : "high";
  }
}
