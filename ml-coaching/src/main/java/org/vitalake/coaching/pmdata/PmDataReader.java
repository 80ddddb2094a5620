package org.vitalake.coaching.pmdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.vitalake.coaching.features.DayObservation;

/**
 * Reads the PMData sports logging dataset (Thambawita et al., MMSys '20, CC BY 4.0) into daily
 * observations: self-reported readiness from {@code pmsys/wellness.csv}; resting heart rate, sleep,
 * active minutes and (where present) minute steps from {@code fitbit/*.json}.
 *
 * <p>Active minutes follow Fitbit's definition (moderately + very active minutes). A resting heart
 * rate of 0 is Fitbit's "not computed" and is read as missing. Sleep is the main sleep of the night
 * that ended on {@code dateOfSleep}.
 */
public final class PmDataReader {

  private final ObjectMapper json = new ObjectMapper();

  /** Reads every {@code pNN} participant folder under {@code datasetDir}, in name order. */
  public List<PmDataParticipant> readAll(Path datasetDir) {
    if (!Files.isDirectory(datasetDir)) {
      throw new IllegalArgumentException(
          "dataset directory " + datasetDir + " does not exist or is not a directory");
    }
    List<PmDataParticipant> out = new ArrayList<>();
    try (Stream<Path> children = Files.list(datasetDir)) {
      List<Path> participants =
          children
              .filter(p -> Files.isRegularFile(p.resolve("pmsys/wellness.csv")))
              .sorted()
              .toList();
      for (Path p : participants) {
        out.add(read(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + datasetDir, e);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          "no PMData participant folders (pNN/pmsys/wellness.csv) under " + datasetDir);
    }
    return out;
  }

  /** Reads one participant folder such as {@code .../pmdata/p01}. */
  public PmDataParticipant read(Path participantDir) {
    Map<LocalDate, Double> readiness = readWellness(participantDir.resolve("pmsys/wellness.csv"));
    Path fitbit = participantDir.resolve("fitbit");
    Map<LocalDate, Double> restingHr =
        readRestingHeartRate(fitbit.resolve("resting_heart_rate.json"));
    Map<LocalDate, double[]> sleep = readSleep(fitbit.resolve("sleep.json"));
    Map<LocalDate, Double> moderate =
        readDailyValues(fitbit.resolve("moderately_active_minutes.json"));
    Map<LocalDate, Double> very = readDailyValues(fitbit.resolve("very_active_minutes.json"));
    Map<LocalDate, Long> steps = readMinuteSteps(fitbit.resolve("steps.json"));

    TreeSet<LocalDate> dates = new TreeSet<>();
    dates.addAll(readiness.keySet());
    dates.addAll(restingHr.keySet());
    dates.addAll(sleep.keySet());
    dates.addAll(moderate.keySet());
    dates.addAll(very.keySet());
    dates.addAll(steps.keySet());
    List<DayObservation> days = new ArrayList<>();
    for (LocalDate date : dates) {
      double[] night = sleep.get(date);
      Double active =
          moderate.containsKey(date) && very.containsKey(date)
              ? moderate.get(date) + very.get(date)
              : null;
      days.add(
          new DayObservation(
              date,
              restingHr.get(date),
              null,
              night == null ? null : night[0],
              night == null ? null : night[1],
              active,
              steps.get(date),
              readiness.get(date)));
    }
    return new PmDataParticipant(participantDir.getFileName().toString(), days);
  }

  /** First readiness report of each local day. */
  Map<LocalDate, Double> readWellness(Path file) {
    Map<LocalDate, Double> out = new TreeMap<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = reader.readLine();
      if (header == null) {
        throw new PmDataFormatException(file, "line 1", "header", "file is empty");
      }
      List<String> columns = List.of(header.split(",", -1));
      int timeColumn = requireColumn(file, columns, "effective_time_frame");
      int readinessColumn = requireColumn(file, columns, "readiness");
      String line;
      int lineNumber = 1;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        List<String> cells = splitCsv(line);
        String where = "line " + lineNumber;
        if (cells.size() <= Math.max(timeColumn, readinessColumn)) {
          throw new PmDataFormatException(
              file,
              where,
              "readiness",
              "expected " + columns.size() + " columns, found " + cells.size());
        }
        LocalDate date;
        try {
          date = PmDataDates.parseLocalDate(cells.get(timeColumn));
        } catch (IllegalArgumentException e) {
          throw new PmDataFormatException(file, where, "effective_time_frame", e.getMessage());
        }
        String text = cells.get(readinessColumn).trim();
        if (text.isEmpty()) {
          continue;
        }
        double value;
        try {
          value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new PmDataFormatException(
              file, where, "readiness", "'" + text + "' is not a number");
        }
        if (value < 0 || value > 10) {
          throw new PmDataFormatException(
              file, where, "readiness", value + " is outside the allowed range 0..10");
        }
        out.putIfAbsent(date, value);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return out;
  }

  Map<LocalDate, Double> readRestingHeartRate(Path file) {
    Map<LocalDate, Double> out = new TreeMap<>();
    JsonNode root = readArray(file);
    for (int i = 0; i < root.size(); i++) {
      JsonNode record = root.get(i);
      LocalDate date = date(file, i, record, "dateTime");
      JsonNode value = record.path("value").path("value");
      if (!value.isNumber()) {
        throw new PmDataFormatException(
            file, "record " + i, "value.value", "missing or not a number");
      }
      double bpm = value.asDouble();
      if (bpm > 0) {
        out.put(date, bpm);
      }
    }
    return out;
  }

  /** Per date: {minutes asleep, efficiency as a fraction} of the main sleep(s). */
  Map<LocalDate, double[]> readSleep(Path file) {
    Map<LocalDate, double[]> out = new TreeMap<>();
    JsonNode root = readArray(file);
    Map<LocalDate, double[]> weighted = new HashMap<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode record = root.get(i);
      if (!record.path("mainSleep").asBoolean(true)) {
        continue;
      }
      LocalDate date = date(file, i, record, "dateOfSleep");
      double asleep = number(file, i, record, "minutesAsleep");
      double efficiency = number(file, i, record, "efficiency");
      double[] acc = weighted.computeIfAbsent(date, d -> new double[2]);
      acc[0] += asleep;
      acc[1] += efficiency * asleep;
    }
    weighted.forEach(
        (date, acc) -> {
          if (acc[0] > 0) {
            out.put(date, new double[] {Math.min(acc[0], 1440), acc[1] / acc[0] / 100.0});
          }
        });
    return out;
  }

  Map<LocalDate, Double> readDailyValues(Path file) {
    Map<LocalDate, Double> out = new TreeMap<>();
    JsonNode root = readArray(file);
    for (int i = 0; i < root.size(); i++) {
      JsonNode record = root.get(i);
      out.put(date(file, i, record, "dateTime"), number(file, i, record, "value"));
    }
    return out;
  }

  Map<LocalDate, Long> readMinuteSteps(Path file) {
    Map<LocalDate, Long> out = new TreeMap<>();
    JsonNode root = readArray(file);
    for (int i = 0; i < root.size(); i++) {
      JsonNode record = root.get(i);
      out.merge(
          date(file, i, record, "dateTime"), (long) number(file, i, record, "value"), Long::sum);
    }
    return out;
  }

  private JsonNode readArray(Path file) {
    if (!Files.isRegularFile(file)) {
      return json.createArrayNode();
    }
    try {
      JsonNode root = json.readTree(file.toFile());
      if (root == null || !root.isArray()) {
        throw new PmDataFormatException(file, "top level", "[]", "expected a JSON array");
      }
      return root;
    } catch (IOException e) {
      throw new PmDataFormatException(file, "is not valid JSON: " + e.getMessage(), e);
    }
  }

  private static LocalDate date(Path file, int index, JsonNode record, String field) {
    JsonNode node = record.get(field);
    if (node == null || !node.isTextual()) {
      throw new PmDataFormatException(file, "record " + index, field, "missing or not text");
    }
    try {
      return PmDataDates.parseLocalDate(node.asText());
    } catch (IllegalArgumentException e) {
      throw new PmDataFormatException(file, "record " + index, field, e.getMessage());
    }
  }

  /** A number that Fitbit exports either as a JSON number or as a string. */
  private static double number(Path file, int index, JsonNode record, String field) {
    JsonNode node = record.get(field);
    if (node != null && node.isNumber()) {
      return node.asDouble();
    }
    if (node != null && node.isTextual()) {
      try {
        return Double.parseDouble(node.asText().trim());
      } catch (NumberFormatException e) {
        // reported below with the offending text
      }
    }
    throw new PmDataFormatException(
        file,
        "record " + index,
        field,
        "'" + (node == null ? "missing" : node.asText()) + "' is not a number");
  }

  private static int requireColumn(Path file, List<String> columns, String name) {
    int index = columns.indexOf(name);
    if (index < 0) {
      throw new PmDataFormatException(
          file, "line 1", name, "column missing from header " + columns);
    }
    return index;
  }

  /**
   * Splits a CSV line, honouring double-quoted cells (PMSys quotes lists such as soreness areas).
   */
  private static List<String> splitCsv(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
