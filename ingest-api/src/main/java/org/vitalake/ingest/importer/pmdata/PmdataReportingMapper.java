package org.vitalake.ingest.importer.pmdata;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vitalake.core.id.UserId;
import org.vitalake.core.journal.DrinkContent;
import org.vitalake.core.journal.JournalEntry;
import org.vitalake.core.journal.MealContent;
import org.vitalake.ingest.importer.CsvReader;
import org.vitalake.ingest.importer.RecordException;

/**
 * Maps a {@code googledocs/reporting.csv} row (the evening form: which meals, glasses of fluid,
 * alcohol yes or no) to journal entries: one meal per meal named, one drink for the fluid (a glass
 * counted as 250 ml) and one for alcohol when the answer is yes. The form gives the day only, so
 * meals are placed at conventional hours (see PMData.md).
 */
final class PmdataReportingMapper {

  /** PMData's {@code date} column is day first: {@code 06/11/2019} is 6 November. */
  private static final DateTimeFormatter DAY_FIRST =
      DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.ROOT);

  static final double GLASS_ML = 250;

  List<JournalEntry> map(CsvReader.Row row, UserId user, ZoneId zone) {
    String dateText = row.require("date");
    LocalDate date;
    try {
      date = LocalDate.parse(dateText, DAY_FIRST);
    } catch (DateTimeParseException e) {
      throw new RecordException(
          "date", "date '" + dateText + "' is not a day-first date like 06/11/2019");
    }
    List<JournalEntry> entries = new ArrayList<>();
    String meals = row.get("meals");
    if (meals != null) {
      for (String part : meals.split(",")) {
        String meal = part.strip();
        if (!meal.isEmpty()) {
          Instant at = date.atTime(mealTime(meal)).atZone(zone).toInstant();
          entries.add(
              PmdataEntries.create(
                  user,
                  "reporting",
                  date + "|meal|" + meal,
                  at,
                  zone,
                  new MealContent(meal, null, null, null, null)));
        }
      }
    }
    Instant noon = date.atTime(LocalTime.NOON).atZone(zone).toInstant();
    Double glasses = row.number("glasses_of_fluid");
    if (glasses != null) {
      entries.add(
          PmdataEntries.create(
              user,
              "reporting",
              date + "|fluid",
              noon,
              zone,
              new DrinkContent("fluid", glasses * GLASS_ML, null)));
    }
    if ("yes".equalsIgnoreCase(row.get("alcohol_consumed"))) {
      entries.add(
          PmdataEntries.create(
              user,
              "reporting",
              date + "|alcohol",
              noon,
              zone,
              new DrinkContent("alcohol", null, null)));
    }
    return entries;
  }

  static LocalTime mealTime(String meal) {
    return switch (meal.toLowerCase(Locale.ROOT)) {
      case "breakfast" -> LocalTime.of(8, 0);
      case "lunch" -> LocalTime.of(12, 0);
      case "dinner" -> LocalTime.of(18, 0);
      case "evening" -> LocalTime.of(21, 0);
      default -> LocalTime.NOON;
    };
  }
}
