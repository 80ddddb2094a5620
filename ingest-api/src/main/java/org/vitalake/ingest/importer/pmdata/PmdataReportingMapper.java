package org.vitalake.ingest.importer.pmdata;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.vitalake.core.id.UserId;
import org.vitalake.core.journal.DrinkContent;
import org.vitalake.core.journal.JournalEntry;
import org.vitalake.core.journal.MealContent;
import org.vitalake.core.sample.Sample;
import org.vitalake.ingest.importer.CsvReader;
import org.vitalake.ingest.importer.ImportSink;
import org.vitalake.ingest.importer.RecordException;

/**
 * Maps the rows of a {@code googledocs/reporting.csv} (the evening form: which meals, body weight,
 * glasses of fluid, alcohol yes or no) to journal entries and weight samples: one meal per meal
 * named, one drink for the fluid (a glass counted as 250 ml), one for alcohol when the answer is
 * yes, and the weight. The form gives the day only, so meals are placed at conventional hours (see
 * PMData.md).
 *
 * <p>A day can be reported more than once, by partial reports minutes apart (lunch, then dinner) or
 * by a report sent again later. The reports of one day are therefore merged before anything is
 * emitted ({@link #acceptMerged}): meals and alcohol are the union of what the reports name, the
 * fluid and the weight come from the latest report that gives them. Each is emitted once per day,
 * with an id derived from the day, so importing the file again changes nothing.
 */
final class PmdataReportingMapper {

  /** PMData's {@code date} column is day first: {@code 06/11/2019} is 6 November. */
  private static final DateTimeFormatter DAY_FIRST =
      DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.ROOT);

  /** When the form was sent: {@code 17/11/2019 10:47:33}, day first as well. */
  private static final DateTimeFormatter SENT =
      DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss", Locale.ROOT);

  static final double GLASS_ML = 250;

  private final PmdataWeightMapper weight = new PmdataWeightMapper();

  /**
   * One row of the form, validated and mapped, waiting to be merged with the other reports of its
   * day.
   *
   * @param sent when the form was sent, or null when the cell is empty or unreadable
   * @param line the row's line in the file, which orders reports sent at the same time
   */
  record Report(
      LocalDate date,
      LocalDateTime sent,
      long line,
      List<JournalEntry> meals,
      JournalEntry fluid,
      JournalEntry alcohol,
      Sample weight) {}

  /** The row as a report; throws naming the column when a value is not valid. */
  Report map(CsvReader.Row row, UserId user, ZoneId zone, Instant now) {
    String dateText = row.require("date");
    LocalDate date;
    try {
      date = LocalDate.parse(dateText, DAY_FIRST);
    } catch (DateTimeParseException e) {
      throw new RecordException(
          "date", "date '" + dateText + "' is not a day-first date like 06/11/2019");
    }
    List<JournalEntry> meals = new ArrayList<>();
    String named = row.get("meals");
    if (named != null) {
      for (String part : named.split(",")) {
        String meal = part.strip();
        if (!meal.isEmpty()) {
          Instant at = date.atTime(mealTime(meal)).atZone(zone).toInstant();
          meals.add(
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
    JournalEntry fluid =
        glasses == null
            ? null
            : PmdataEntries.create(
                user,
                "reporting",
                date + "|fluid",
                noon,
                zone,
                new DrinkContent("fluid", glasses * GLASS_ML, null));
    JournalEntry alcohol =
        "yes".equalsIgnoreCase(row.get("alcohol_consumed"))
            ? PmdataEntries.create(
                user,
                "reporting",
                date + "|alcohol",
                noon,
                zone,
                new DrinkContent("alcohol", null, null))
            : null;
    Double kilograms = row.number("weight");
    Sample weighed = kilograms == null ? null : weight.map(user, noon.atZone(zone), kilograms, now);
    return new Report(date, sent(row.get("timestamp")), row.line(), meals, fluid, alcohol, weighed);
  }

  /** Merges the reports of each day (see the class comment) and hands the result to the sink. */
  static void acceptMerged(List<Report> reports, ImportSink sink) {
    Map<LocalDate, List<Report>> byDay = new TreeMap<>();
    for (Report report : reports) {
      byDay.computeIfAbsent(report.date(), d -> new ArrayList<>()).add(report);
    }
    Comparator<Report> earliestFirst =
        Comparator.comparing(
                Report::sent, Comparator.nullsFirst(Comparator.<LocalDateTime>naturalOrder()))
            .thenComparingLong(Report::line);
    for (List<Report> day : byDay.values()) {
      day.sort(earliestFirst);
      Map<String, JournalEntry> meals = new LinkedHashMap<>();
      JournalEntry fluid = null;
      JournalEntry alcohol = null;
      Sample weighed = null;
      for (Report report : day) {
        report.meals().forEach(meal -> meals.putIfAbsent(meal.entryId().value(), meal));
        fluid = report.fluid() != null ? report.fluid() : fluid;
        alcohol = alcohol != null ? alcohol : report.alcohol();
        weighed = report.weight() != null ? report.weight() : weighed;
      }
      meals.values().forEach(sink::accept);
      if (fluid != null) {
        sink.accept(fluid);
      }
      if (alcohol != null) {
        sink.accept(alcohol);
      }
      if (weighed != null) {
        sink.accept(weighed);
      }
    }
  }

  /** The time the form was sent; the column is informational, so an unreadable one is no error. */
  private static LocalDateTime sent(String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDateTime.parse(text, SENT);
    } catch (DateTimeParseException e) {
      return null;
    }
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
