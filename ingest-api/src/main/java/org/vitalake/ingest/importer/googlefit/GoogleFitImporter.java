package org.vitalake.ingest.importer.googlefit;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.ingest.importer.CsvReader;
import org.vitalake.ingest.importer.ImportFailedException;
import org.vitalake.ingest.importer.ImportInput;
import org.vitalake.ingest.importer.ImportOptions;
import org.vitalake.ingest.importer.ImportSink;
import org.vitalake.ingest.importer.RecordException;
import org.vitalake.ingest.importer.VendorImporter;

/**
 * Imports Google Fit Takeout's "Daily activity metrics" CSV (one row per local day): steps,
 * distance, move minutes and average weight; the other columns are listed in GoogleFit.md.
 */
public final class GoogleFitImporter implements VendorImporter {

  /** Column, metric and unit of every column imported. */
  private record Column(String name, Metric metric, String unit) {}

  private static final List<Column> COLUMNS =
      List.of(
          new Column("Step count", Metric.STEPS, "count"),
          new Column("Distance (m)", Metric.DISTANCE, "m"),
          new Column("Move Minutes count", Metric.ACTIVE_MINUTES, "min"),
          new Column("Average weight (kg)", Metric.WEIGHT, "kg"));

  private final GoogleFitDailyActivityMapper mapper = new GoogleFitDailyActivityMapper();

  @Override
  public void importFrom(ImportInput input, ImportOptions options, ImportSink sink)
      throws IOException {
    List<String> files =
        input.entries().size() == 1
            ? input.entries()
            : input.entries().stream()
                .filter(
                    e ->
                        ImportInput.baseName(e)
                                .toLowerCase(Locale.ROOT)
                                .contains("daily activity metrics")
                            || ImportInput.baseName(e)
                                .toLowerCase(Locale.ROOT)
                                .contains("daily_activity_metrics"))
                .toList();
    if (files.isEmpty()) {
      throw new ImportFailedException(input.name(), "no \"Daily activity metrics.csv\" found");
    }
    UserId user = options.requireUser(input.name());
    for (String entry : files) {
      String file = input.entries().size() == 1 ? input.name() : entry;
      try (InputStream in = input.open(entry);
          CsvReader csv = new CsvReader(in, file)) {
        csv.requireColumns("Date");
        if (COLUMNS.stream().noneMatch(c -> csv.hasColumn(c.name()))) {
          throw new ImportFailedException(
              file,
              "none of the columns " + COLUMNS.stream().map(Column::name).toList() + " is present");
        }
        CsvReader.Row row;
        while ((row = csv.next()) != null) {
          sink.recordRead();
          CsvReader.Row current = row;
          sink.attempt(
              file,
              row.line(),
              "Date",
              () -> {
                ZonedDateTime day =
                    parseDay(current.require("Date")).atStartOfDay(options.timeZone());
                for (Column column : COLUMNS) {
                  sink.attempt(
                      file,
                      current.line(),
                      column.name(),
                      () -> {
                        Double value = current.number(column.name());
                        if (value != null) {
                          sink.accept(
                              mapper.map(
                                  user, column.metric(), value, column.unit(), day, options.now()));
                        }
                      });
                }
              });
        }
      }
    }
  }

  private static LocalDate parseDay(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new RecordException("Date", "Date '" + text + "' is not a date like 2018-03-19");
    }
  }
}
