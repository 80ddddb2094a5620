package org.vitalake.ingest.importer.fitabase;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vitalake.core.id.UserId;
import org.vitalake.ingest.importer.CsvReader;
import org.vitalake.ingest.importer.ImportFailedException;
import org.vitalake.ingest.importer.ImportInput;
import org.vitalake.ingest.importer.ImportOptions;
import org.vitalake.ingest.importer.ImportSink;
import org.vitalake.ingest.importer.RecordException;
import org.vitalake.ingest.importer.Rejection;
import org.vitalake.ingest.importer.VendorImporter;

/**
 * Imports a Fitabase export (a folder or zip of {@code *_merged.csv} tables, or one table): steps,
 * distance, active minutes, sleep, weight and heart rate of every participant, timestamps read in
 * the user's time zone.
 */
public final class FitabaseImporter implements VendorImporter {

  /** The source recorded on every sample: the data came from Fitbit trackers. */
  static final String SOURCE = "fitbit";

  /**
   * Tables this importer reads, recognised by file name, in the order they are read: step tables
   * finest first, so that a coarser one adds only the hours and days the finer ones lack.
   */
  enum Table {
    MINUTE_STEPS_WIDE("minutestepswide"),
    MINUTE_STEPS_NARROW("minutestepsnarrow"),
    HOURLY_STEPS("hourlysteps"),
    DAILY_ACTIVITY("dailyactivity"),
    DAILY_STEPS("dailysteps"),
    DAILY_INTENSITIES("dailyintensities"),
    SLEEP_DAY("sleepday"),
    WEIGHT_LOG("weightloginfo"),
    HEART_RATE_SECONDS("heartrate_seconds");

    private final String marker;

    Table(String marker) {
      this.marker = marker;
    }

    static Optional<Table> of(String entry) {
      String name = ImportInput.baseName(entry).toLowerCase(Locale.ROOT);
      if (!name.endsWith(".csv")) {
        return Optional.empty();
      }
      for (Table table : values()) {
        if (name.contains(table.marker)) {
          return Optional.of(table);
        }
      }
      return Optional.empty();
    }
  }

  private final FitabaseStepsMapper steps = new FitabaseStepsMapper();
  private final FitabaseDistanceMapper distance = new FitabaseDistanceMapper();
  private final FitabaseActiveMinutesMapper activeMinutes = new FitabaseActiveMinutesMapper();
  private final FitabaseSleepMapper sleep = new FitabaseSleepMapper();
  private final FitabaseWeightMapper weight = new FitabaseWeightMapper();
  private final FitabaseHeartRateMapper heartRate = new FitabaseHeartRateMapper();

  @Override
  public void importFrom(ImportInput input, ImportOptions options, ImportSink sink)
      throws IOException {
    Map<String, Table> tables = new LinkedHashMap<>();
    input.entries().stream()
        .filter(entry -> Table.of(entry).isPresent())
        .sorted(Comparator.comparing(entry -> Table.of(entry).orElseThrow()))
        .forEach(entry -> tables.put(entry, Table.of(entry).orElseThrow()));
    if (tables.isEmpty()) {
      throw new ImportFailedException(
          input.name(),
          "no Fitabase table found; expected files such as dailyActivity_merged.csv,"
              + " hourlySteps_merged.csv, minuteStepsWide_merged.csv, sleepDay_merged.csv,"
              + " weightLogInfo_merged.csv or heartrate_seconds_merged.csv");
    }
    Set<Table> present = EnumSet.noneOf(Table.class);
    present.addAll(tables.values());
    StepCoverage coverage = new StepCoverage();
    boolean single = input.entries().size() == 1;
    for (Map.Entry<String, Table> entry : tables.entrySet()) {
      String file = single ? input.name() : entry.getKey();
      try (InputStream in = input.open(entry.getKey());
          CsvReader csv = new CsvReader(in, file)) {
        read(entry.getValue(), csv, file, coverage, present, options, sink);
      }
      coverage.tableDone();
    }
  }

  private void read(
      Table table,
      CsvReader csv,
      String file,
      StepCoverage covered,
      Set<Table> present,
      ImportOptions options,
      ImportSink sink)
      throws IOException {
    ZoneId zone = options.timeZone();
    switch (table) {
      case MINUTE_STEPS_WIDE -> {
        csv.requireColumns("Id", "ActivityHour");
        List<Integer> minuteColumns = new ArrayList<>();
        List<String> header = csv.header();
        for (int i = 0; i < header.size(); i++) {
          if (header.get(i).startsWith("Steps")) {
            minuteColumns.add(i);
          }
        }
        forEachRow(
            csv,
            file,
            options,
            sink,
            "ActivityHour",
            (row, user) -> {
              ZonedDateTime hour =
                  FitabaseTimes.parse("ActivityHour", row.get("ActivityHour"), zone);
              if (!takeHour(covered, row, hour)) {
                return;
              }
              for (int column : minuteColumns) {
                String name = header.get(column);
                sink.attempt(
                    file,
                    row.line(),
                    name,
                    () -> {
                      String text = row.get(column);
                      if (text == null) {
                        return;
                      }
                      double value = parseNumber(name, text);
                      // a zero minute carries no amount; keeping them would add a million empty
                      // rows
                      if (value != 0) {
                        int minute = Integer.parseInt(name.substring("Steps".length()));
                        sink.accept(
                            steps.map(
                                user,
                                hour.plusMinutes(minute),
                                Duration.ofMinutes(1),
                                value,
                                options.now()));
                      }
                    });
              }
            });
      }
      case MINUTE_STEPS_NARROW -> {
        csv.requireColumns("Id", "ActivityMinute", "Steps");
        forEachRow(
            csv,
            file,
            options,
            sink,
            "Steps",
            (row, user) -> {
              double value = row.requireNumber("Steps");
              ZonedDateTime minute =
                  FitabaseTimes.parse("ActivityMinute", row.get("ActivityMinute"), zone);
              if (takeHour(covered, row, minute) && value != 0) {
                sink.accept(steps.map(user, minute, Duration.ofMinutes(1), value, options.now()));
              }
            });
      }
      case HOURLY_STEPS -> {
        csv.requireColumns("Id", "ActivityHour", "StepTotal");
        forEachRow(
            csv,
            file,
            options,
            sink,
            "StepTotal",
            (row, user) -> {
              ZonedDateTime hour =
                  FitabaseTimes.parse("ActivityHour", row.get("ActivityHour"), zone);
              if (!covered.holdsHour(row.get("Id"), hour.toLocalDateTime())) {
                double value = row.requireNumber("StepTotal");
                covered.takeHour(row.get("Id"), hour.toLocalDateTime());
                sink.accept(steps.map(user, hour, Duration.ofHours(1), value, options.now()));
              }
            });
      }
      case DAILY_ACTIVITY -> {
        csv.requireColumns(
            "Id",
            "ActivityDate",
            "TotalSteps",
            "TotalDistance",
            "VeryActiveMinutes",
            "FairlyActiveMinutes");
        forEachRow(
            csv,
            file,
            options,
            sink,
            "ActivityDate",
            (row, user) -> {
              ZonedDateTime day =
                  FitabaseTimes.parse("ActivityDate", row.get("ActivityDate"), zone);
              sink.attempt(
                  file,
                  row.line(),
                  "TotalSteps",
                  () -> dailySteps(covered, row, user, day, "TotalSteps", options, sink));
              sink.attempt(
                  file,
                  row.line(),
                  "TotalDistance",
                  () ->
                      sink.accept(
                          distance.map(
                              user, day, row.requireNumber("TotalDistance"), options.now())));
              sink.attempt(
                  file,
                  row.line(),
                  "VeryActiveMinutes",
                  () ->
                      sink.accept(
                          activeMinutes.map(
                              user,
                              day,
                              row.requireNumber("VeryActiveMinutes"),
                              row.requireNumber("FairlyActiveMinutes"),
                              options.now())));
            });
      }
      case DAILY_STEPS -> {
        csv.requireColumns("Id", "ActivityDay", "StepTotal");
        forEachRow(
            csv,
            file,
            options,
            sink,
            "StepTotal",
            (row, user) -> {
              ZonedDateTime day = FitabaseTimes.parse("ActivityDay", row.get("ActivityDay"), zone);
              dailySteps(covered, row, user, day, "StepTotal", options, sink);
            });
      }
      case DAILY_INTENSITIES -> {
        if (present.contains(Table.DAILY_ACTIVITY)) {
          return;
        }
        csv.requireColumns("Id", "ActivityDay", "VeryActiveMinutes", "FairlyActiveMinutes");
        forEachRow(
            csv,
            file,
            options,
            sink,
            "VeryActiveMinutes",
            (row, user) -> {
              ZonedDateTime day = FitabaseTimes.parse("ActivityDay", row.get("ActivityDay"), zone);
              sink.accept(
                  activeMinutes.map(
                      user,
                      day,
                      row.requireNumber("VeryActiveMinutes"),
                      row.requireNumber("FairlyActiveMinutes"),
                      options.now()));
            });
      }
      case SLEEP_DAY -> {
        csv.requireColumns("Id", "SleepDay", "TotalMinutesAsleep", "TotalTimeInBed");
        forEachRow(
            csv,
            file,
            options,
            sink,
            "TotalMinutesAsleep",
            (row, user) -> {
              ZonedDateTime day = FitabaseTimes.parse("SleepDay", row.get("SleepDay"), zone);
              sink.accept(
                  sleep.map(
                      user,
                      day,
                      row.requireNumber("TotalMinutesAsleep"),
                      row.requireNumber("TotalTimeInBed"),
                      options.now()));
            });
      }
      case WEIGHT_LOG -> {
        csv.requireColumns("Id", "Date", "WeightKg");
        forEachRow(
            csv,
            file,
            options,
            sink,
            "WeightKg",
            (row, user) -> {
              ZonedDateTime at = FitabaseTimes.parse("Date", row.get("Date"), zone);
              boolean manual = "true".equalsIgnoreCase(row.get("IsManualReport"));
              sink.attempt(
                  file,
                  row.line(),
                  "WeightKg",
                  () ->
                      sink.accept(
                          weight.mapWeight(
                              user, at, row.requireNumber("WeightKg"), manual, options.now())));
              Double fat = row.number("Fat");
              if (fat != null) {
                sink.attempt(
                    file,
                    row.line(),
                    "Fat",
                    () -> sink.accept(weight.mapBodyFat(user, at, fat, manual, options.now())));
              }
            });
      }
      case HEART_RATE_SECONDS -> {
        csv.requireColumns("Id", "Time", "Value");
        forEachRow(
            csv,
            file,
            options,
            sink,
            "Value",
            (row, user) -> {
              ZonedDateTime at = FitabaseTimes.parse("Time", row.get("Time"), zone);
              sink.accept(heartRate.map(user, at, row.requireNumber("Value"), options.now()));
            });
      }
    }
  }

  /**
   * Takes the row's local hour for the step table being read, unless a finer table read before
   * holds it already: whether the row's steps are to be imported.
   */
  private static boolean takeHour(StepCoverage covered, CsvReader.Row row, ZonedDateTime at) {
    String participant = row.get("Id");
    if (covered.holdsHour(participant, at.toLocalDateTime())) {
      return false;
    }
    covered.takeHour(participant, at.toLocalDateTime());
    return true;
  }

  /** A day's step total, imported only if no finer table read before holds any of that day. */
  private void dailySteps(
      StepCoverage covered,
      CsvReader.Row row,
      UserId user,
      ZonedDateTime day,
      String column,
      ImportOptions options,
      ImportSink sink) {
    String participant = row.get("Id");
    if (!covered.holdsAnyOf(participant, day.toLocalDate())) {
      double value = row.requireNumber(column);
      covered.takeDay(participant, day.toLocalDate());
      sink.accept(steps.map(user, day, Duration.ofDays(1), value, options.now()));
    }
  }

  /** What to do with one row of a participant that is being imported. */
  @FunctionalInterface
  private interface RowMapping {
    void map(CsvReader.Row row, UserId user);
  }

  private static void forEachRow(
      CsvReader csv,
      String file,
      ImportOptions options,
      ImportSink sink,
      String defaultField,
      RowMapping mapping)
      throws IOException {
    CsvReader.Row row;
    while ((row = csv.next()) != null) {
      String participant = row.get("Id");
      if (participant == null) {
        sink.recordRead();
        sink.reject(new Rejection(file, row.line(), "Id", "Id is empty"));
        continue;
      }
      Optional<UserId> user = options.userFor(participant);
      if (user.isEmpty()) {
        continue;
      }
      sink.recordRead();
      CsvReader.Row current = row;
      sink.attempt(file, row.line(), defaultField, () -> mapping.map(current, user.get()));
    }
  }

  private static double parseNumber(String column, String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new RecordException(column, column + " '" + text + "' is not a number");
    }
  }

  @Override
  public List<String> findParticipants(ImportInput input) throws IOException {
    Set<String> ids = new java.util.TreeSet<>();
    for (String entry : input.entries()) {
      if (Table.of(entry).isEmpty()) {
        continue;
      }
      try (InputStream in = input.open(entry);
          CsvReader csv = new CsvReader(in, entry)) {
        CsvReader.Row row;
        while ((row = csv.next()) != null) {
          String id = row.get("Id");
          if (id != null) {
            ids.add(id);
          }
        }
      }
    }
    return List.copyOf(ids);
  }
}
