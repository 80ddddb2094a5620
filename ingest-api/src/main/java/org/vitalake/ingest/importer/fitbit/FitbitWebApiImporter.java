package org.vitalake.ingest.importer.fitbit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vitalake.core.id.UserId;
import org.vitalake.ingest.importer.ImportFailedException;
import org.vitalake.ingest.importer.ImportInput;
import org.vitalake.ingest.importer.ImportOptions;
import org.vitalake.ingest.importer.ImportSink;
import org.vitalake.ingest.importer.RecordException;
import org.vitalake.ingest.importer.VendorImporter;

/**
 * Imports Fitbit Web API JSON: the per-type files of a Fitbit account export as PMData ships them
 * ({@code sleep.json}, {@code resting_heart_rate.json}, {@code exercise.json}, {@code
 * very_active_minutes.json}, {@code moderately_active_minutes.json}, {@code steps.json}, {@code
 * distance.json}, top-level arrays) and API responses ({@code {"sleep": [...]}}, {@code
 * activities-heart-intraday}, {@code activities-steps}, {@code weight}, {@code activities}). Arrays
 * are streamed one element at a time.
 */
public final class FitbitWebApiImporter implements VendorImporter {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern PARTICIPANT = Pattern.compile("(?:^|/)(p\\d+)/");

  /** What a top-level array file holds, from its name. */
  private enum Kind {
    SLEEP,
    RESTING_HEART_RATE,
    EXERCISE,
    VERY_ACTIVE,
    MODERATELY_ACTIVE,
    STEPS,
    DISTANCE,
    OTHER;

    static Kind of(String entry) {
      String name = ImportInput.baseName(entry).toLowerCase(Locale.ROOT);
      return switch (name) {
        case "sleep.json" -> SLEEP;
        case "resting_heart_rate.json" -> RESTING_HEART_RATE;
        case "exercise.json" -> EXERCISE;
        case "very_active_minutes.json" -> VERY_ACTIVE;
        case "moderately_active_minutes.json" -> MODERATELY_ACTIVE;
        case "steps.json" -> STEPS;
        case "distance.json" -> DISTANCE;
        default -> OTHER;
      };
    }
  }

  private final FitbitSleepMapper sleep = new FitbitSleepMapper();
  private final FitbitRestingHeartRateMapper restingHeartRate = new FitbitRestingHeartRateMapper();
  private final FitbitExerciseMapper exercise = new FitbitExerciseMapper();
  private final FitbitActiveMinutesMapper activeMinutes = new FitbitActiveMinutesMapper();
  private final FitbitStepsMapper steps = new FitbitStepsMapper();
  private final FitbitDistanceMapper distance = new FitbitDistanceMapper();
  private final FitbitHeartRateMapper heartRate = new FitbitHeartRateMapper();
  private final FitbitWeightMapper weight = new FitbitWeightMapper();

  /** Very and moderately active minutes per user and day, as read from their two files. */
  private final Map<UserId, TreeMap<LocalDate, ActiveDay>> activeDays = new LinkedHashMap<>();

  /**
   * A day's very and moderately active minutes as read so far, and where each was read. The two are
   * one sample: the day's total, which a later upload of the day replaces (the nightly normalize
   * keeps the total of an interval received last), so it is only made from both.
   */
  private static final class ActiveDay {
    private final double[] minutes = {Double.NaN, Double.NaN};
    private final String[] files = new String[2];
    private final long[] records = new long[2];
    private String conflict;

    void read(Kind kind, double value, String file, long record) {
      int i = index(kind);
      if (Double.isNaN(minutes[i])) {
        minutes[i] = value;
        files[i] = file;
        records[i] = record;
      } else if (value != minutes[i] && conflict == null) {
        conflict =
            "two "
                + fileName(kind)
                + " values for the day in this upload ("
                + minutes[i]
                + " in "
                + files[i]
                + ", "
                + value
                + " in "
                + file
                + "), as from two exports of it; upload one export at a time";
      }
    }

    /** Where a rejection of the day points: the very active value, else the moderately one. */
    String file() {
      return files[Double.isNaN(minutes[0]) ? 1 : 0];
    }

    long record() {
      return records[Double.isNaN(minutes[0]) ? 1 : 0];
    }

    /** Very plus moderately active minutes, or a {@link RecordException} saying why not. */
    double total(LocalDate date) {
      if (conflict != null) {
        throw new RecordException("value", date + ": " + conflict);
      }
      for (Kind kind : List.of(Kind.VERY_ACTIVE, Kind.MODERATELY_ACTIVE)) {
        if (Double.isNaN(minutes[index(kind)])) {
          throw new RecordException(
              "value",
              date
                  + ": no "
                  + fileName(kind)
                  + " value for the day in this upload; active minutes are very plus moderately"
                  + " active minutes, and a total of one file would replace the day's full total"
                  + " from an earlier upload, so upload both files together");
        }
      }
      return minutes[0] + minutes[1];
    }

    private static int index(Kind kind) {
      return kind == Kind.VERY_ACTIVE ? 0 : 1;
    }

    private static String fileName(Kind kind) {
      return kind == Kind.VERY_ACTIVE
          ? "very_active_minutes.json"
          : "moderately_active_minutes.json";
    }
  }

  @Override
  public void importFrom(ImportInput input, ImportOptions options, ImportSink sink)
      throws IOException {
    List<String> files =
        input.entries().stream().filter(e -> e.toLowerCase(Locale.ROOT).endsWith(".json")).toList();
    if (files.isEmpty()) {
      throw new ImportFailedException(input.name(), "no .json file found");
    }
    boolean single = input.entries().size() == 1;
    for (String entry : files) {
      String file = single ? input.name() : entry;
      Optional<UserId> user = userOf(entry, file, options);
      if (user.isEmpty()) {
        continue;
      }
      try (InputStream in = input.open(entry)) {
        read(in, file, Kind.of(entry), user.get(), options, sink);
      }
    }
    emitActiveMinutes(options, sink);
  }

  @Override
  public List<String> findParticipants(ImportInput input) {
    java.util.TreeSet<String> ids = new java.util.TreeSet<>();
    for (String entry : input.entries()) {
      String participant = participantOf(entry);
      if (participant != null) {
        ids.add(participant);
      }
    }
    return List.copyOf(ids);
  }

  /** The PMData participant ({@code p01}) an entry belongs to, or {@code null}. */
  public static String participantOf(String entry) {
    Matcher matcher = PARTICIPANT.matcher(entry);
    return matcher.find() ? matcher.group(1) : null;
  }

  private static Optional<UserId> userOf(String entry, String file, ImportOptions options) {
    String participant = participantOf(entry);
    if (participant != null) {
      return options.userFor(participant);
    }
    return Optional.of(options.requireUser(file));
  }

  private void read(
      InputStream in, String file, Kind kind, UserId user, ImportOptions options, ImportSink sink)
      throws IOException {
    try (JsonParser parser = MAPPER.createParser(in)) {
      JsonToken first = parser.nextToken();
      if (first == JsonToken.START_ARRAY) {
        if (kind == Kind.OTHER) {
          return;
        }
        long record = 0;
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          record++;
          JsonNode node = MAPPER.readTree(parser);
          sink.recordRead();
          mapArrayElement(kind, node, file, record, user, options, sink);
        }
      } else if (first == JsonToken.START_OBJECT) {
        readResponse(parser, file, user, options, sink);
      } else {
        throw new ImportFailedException(file, "expected a JSON array or object, found " + first);
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new ImportFailedException(
          file,
          "not valid JSON"
              + (at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr())
              + " (truncated or corrupt?): "
              + e.getOriginalMessage(),
          e);
    }
  }

  private void mapArrayElement(
      Kind kind,
      JsonNode node,
      String file,
      long record,
      UserId user,
      ImportOptions options,
      ImportSink sink) {
    ZoneId zone = options.timeZone();
    switch (kind) {
      case SLEEP -> mapSleepLog(node, file, record, user, options, sink);
      case RESTING_HEART_RATE ->
          sink.attempt(
              file,
              record,
              "value",
              () -> restingHeartRate.map(node, user, zone, options.now()).ifPresent(sink::accept));
      case EXERCISE ->
          sink.attempt(
              file,
              record,
              "startTime",
              () -> sink.accept(exercise.map(node, user, zone, options.now())));
      case VERY_ACTIVE, MODERATELY_ACTIVE ->
          sink.attempt(
              file,
              record,
              "value",
              () -> {
                LocalDate date =
                    FitbitTimes.parse("dateTime", FitbitSleepMapper.text(node, "dateTime"), zone)
                        .toLocalDate();
                double minutes = number(node, "value");
                activeDays
                    .computeIfAbsent(user, u -> new TreeMap<>())
                    .computeIfAbsent(date, d -> new ActiveDay())
                    .read(kind, minutes, file, record);
              });
      case STEPS, DISTANCE ->
          sink.attempt(
              file,
              record,
              "value",
              () -> {
                double value = number(node, "value");
                // a zero minute carries no amount; the files hold every minute of every day
                if (value != 0) {
                  ZonedDateTime minute =
                      FitbitTimes.parse("dateTime", FitbitSleepMapper.text(node, "dateTime"), zone);
                  sink.accept(
                      kind == Kind.STEPS
                          ? steps.map(minute, Duration.ofMinutes(1), value, user, options.now())
                          : distance.map(
                              minute, Duration.ofMinutes(1), value, user, options.now()));
                }
              });
      case OTHER -> {}
    }
  }

  private void mapSleepLog(
      JsonNode log, String file, long record, UserId user, ImportOptions options, ImportSink sink) {
    sink.attempt(
        file,
        record,
        "startTime",
        () -> sink.accept(sleep.mapSession(log, user, options.timeZone(), options.now())));
    sleep.mapStages(log, user, options.timeZone(), options.now(), sink, file, record);
  }

  /** A Web API response object: its known members are read, the rest skipped. */
  private void readResponse(
      JsonParser parser, String file, UserId user, ImportOptions options, ImportSink sink)
      throws IOException {
    ZoneId zone = options.timeZone();
    String heartDate = null;
    String stepsDate = null;
    List<JsonNode> dailySteps = new ArrayList<>();
    boolean intradaySteps = false;
    long record = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "sleep", "activities", "weight" -> {
          if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            continue;
          }
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            long current = ++record;
            JsonNode node = MAPPER.readTree(parser);
            sink.recordRead();
            switch (name) {
              case "sleep" -> mapSleepLog(node, file, current, user, options, sink);
              case "activities" ->
                  sink.attempt(
                      file,
                      current,
                      "startTime",
                      () -> sink.accept(exercise.map(node, user, zone, options.now())));
              default ->
                  sink.attempt(
                      file,
                      current,
                      "weight",
                      () -> sink.accept(weight.map(node, user, zone, options.now())));
            }
          }
        }
        case "activities-heart" -> heartDate = firstDate(MAPPER.readTree(parser));
        case "activities-steps" -> {
          JsonNode days = MAPPER.readTree(parser);
          days.forEach(dailySteps::add);
          stepsDate = firstDate(days);
        }
        case "activities-heart-intraday", "activities-steps-intraday" -> {
          boolean heart = name.equals("activities-heart-intraday");
          String date = heart ? heartDate : stepsDate;
          if (date == null) {
            throw new ImportFailedException(
                file,
                name
                    + " comes before the day it belongs to ("
                    + (heart ? "activities-heart" : "activities-steps")
                    + ")");
          }
          intradaySteps |= !heart;
          JsonNode intraday = MAPPER.readTree(parser);
          long interval = Math.max(1, intraday.path("datasetInterval").asLong(1));
          JsonNode dataset = intraday.path("dataset");
          for (JsonNode point : dataset) {
            long current = ++record;
            sink.recordRead();
            sink.attempt(
                file,
                current,
                "value",
                () -> {
                  ZonedDateTime at =
                      FitbitTimes.parse(
                          "date", date, "time", FitbitSleepMapper.text(point, "time"), zone);
                  double reading = number(point, "value");
                  if (heart) {
                    sink.accept(heartRate.map(at, reading, user, options.now()));
                  } else if (reading != 0) {
                    sink.accept(
                        steps.map(at, Duration.ofMinutes(interval), reading, user, options.now()));
                  }
                });
          }
        }
        default -> parser.skipChildren();
      }
    }
    // daily totals only when the response has no intraday detail of the same steps
    if (!intradaySteps) {
      for (JsonNode day : dailySteps) {
        long current = ++record;
        sink.recordRead();
        sink.attempt(
            file,
            current,
            "value",
            () -> {
              ZonedDateTime start =
                  FitbitTimes.parse("dateTime", FitbitSleepMapper.text(day, "dateTime"), zone);
              sink.accept(
                  steps.map(start, Duration.ofDays(1), number(day, "value"), user, options.now()));
            });
      }
    }
  }

  private void emitActiveMinutes(ImportOptions options, ImportSink sink) {
    for (Map.Entry<UserId, TreeMap<LocalDate, ActiveDay>> user : activeDays.entrySet()) {
      for (Map.Entry<LocalDate, ActiveDay> day : user.getValue().entrySet()) {
        ActiveDay read = day.getValue();
        sink.attempt(
            read.file(),
            read.record(),
            "value",
            () ->
                sink.accept(
                    activeMinutes.map(
                        day.getKey(),
                        read.total(day.getKey()),
                        user.getKey(),
                        options.timeZone(),
                        options.now())));
      }
    }
    activeDays.clear();
  }

  private static String firstDate(JsonNode days) {
    return days.isArray() && days.size() > 0
        ? FitbitSleepMapper.text(days.get(0), "dateTime")
        : null;
  }

  /** A number sent as a number or as text ({@code "value": "245"}). */
  static double number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new RecordException(field, field + " is missing");
    }
    if (value.isNumber()) {
      return value.asDouble();
    }
    try {
      return Double.parseDouble(value.asText().strip());
    } catch (NumberFormatException e) {
      throw new RecordException(field, field + " '" + value.asText() + "' is not a number");
    }
  }
}
