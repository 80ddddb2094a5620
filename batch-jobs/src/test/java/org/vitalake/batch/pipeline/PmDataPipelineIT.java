package org.vitalake.batch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.iceberg.data.Record;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.vitalake.batch.fixture.PipelineStack;
import org.vitalake.core.id.IngestId;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.metric.SleepStage;
import org.vitalake.core.profile.UserProfile;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.RecordedSample;
import org.vitalake.core.sample.Sample;
import org.vitalake.core.sample.SampleFactory;
import org.vitalake.lakehouse.BronzeRecords;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableAppender;
import org.vitalake.lakehouse.local.LocalLakehouse;

/**
 * The whole {@code nightlyPipeline} job on a real lakehouse (s3proxy + SQLite catalog) over every
 * day of three PMData participants' Fitbit files, written to bronze as the {@code pmdata} importer
 * maps them, with every gold user-day checked against numbers computed here from the JSON files:
 * steps, active minutes, resting heart rate and sleep.
 *
 * <p>The files hold local wall-clock times without an offset; the participants lived in Norway.
 * Quirks of the files that the expected values account for: {@code sleep.json} repeats some logs
 * (same {@code logId} twice), {@code resting_heart_rate.json} writes 0 for "no estimate", minute
 * steps of 0 carry nothing (the importer drops them, so such a day has no steps at all), and a few
 * sleep stages are {@code unknown} (signal lost; the importer rejects them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PmDataPipelineIT {

  /** p03 is the one participant with minute steps; p02 has classic (unstaged) sleep logs too. */
  private static final List<String> USERS = List.of("p01", "p02", "p03");

  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Logs of one device closer than this form one session in the pipeline (docs/pipeline.md). */
  private static final Duration SESSION_GAP = Duration.ofMinutes(15);

  private static final double TOLERANCE = 1e-6;

  private PipelineStack stack;
  private LocalLakehouse lakehouse;
  private SparkSession spark;
  private ConfigurableApplicationContext context;
  private JobExecution run;

  /** user -> the days expected in gold, each with the values the files give for it. */
  private final Map<String, Map<LocalDate, Expected>> expected = new TreeMap<>();

  /** user -> distinct sleep logs that start within {@link #SESSION_GAP} of the previous end. */
  private final Map<String, Integer> closeLogs = new TreeMap<>();

  /** user -> the gold rows of the run. */
  private final Map<String, Map<LocalDate, Gold>> gold = new TreeMap<>();

  @BeforeAll
  void importParticipantsAndRunTheJob() throws Exception {
    Path pmdata = Path.of(System.getProperty("vitalake.shared.data"), "pmdata");
    for (String user : USERS) {
      readExpected(user, pmdata.resolve(user).resolve("fitbit"));
    }

    stack =
        PipelineStack.start(
            "vitalake-pmdata-it",
            Map.of(),
            new PrintStream(System.out, true, StandardCharsets.UTF_8));
    lakehouse = stack.lakehouse();
    spark = stack.spark();
    context = stack.context();

    TableAppender appender = new TableAppender(lakehouse.lakehouse());
    List<Record> profiles = new ArrayList<>();
    for (String user : USERS) {
      profiles.add(
          BronzeRecords.profile(
              new UserProfile(
                  UserId.of(user),
                  null,
                  null,
                  null,
                  null,
                  OSLO,
                  List.of(),
                  Instant.parse("2019-10-01T00:00:00Z"))));
    }
    appender.append(LakehouseTables.USER_PROFILES, profiles);
    for (String user : USERS) {
      List<Record> rows = new ArrayList<>();
      Instant receivedAt = Instant.now();
      IngestId ingest = IngestId.random();
      for (Sample sample : importFitbitFiles(UserId.of(user), pmdata.resolve(user))) {
        rows.add(BronzeRecords.sample(new RecordedSample(sample, ingest, receivedAt, null)));
      }
      appender.append(LakehouseTables.WEARABLE_SAMPLES, rows);
    }

    run = context.getBean(PipelineCommand.class).run(false, null);

    for (Row r :
        spark
            .sql(
                "SELECT user_id, local_date, steps, active_minutes, resting_hr, sleep_minutes"
                    + " FROM gold.daily_metrics")
            .collectAsList()) {
      gold.computeIfAbsent(r.getString(0), u -> new TreeMap<>())
          .put(
              r.getDate(1).toLocalDate(),
              new Gold(
                  r.isNullAt(2) ? null : r.getLong(2),
                  r.isNullAt(3) ? null : r.getDouble(3),
                  r.isNullAt(4) ? null : r.getDouble(4),
                  r.isNullAt(5) ? null : r.getDouble(5)));
    }
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void theJobCompletesWithAGoldRowOnEveryDayTheFilesHaveDataOn() {
    // then
    assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(gold).containsOnlyKeys(USERS);
    for (String user : USERS) {
      assertThat(gold.get(user).keySet())
          .as("gold days of %s", user)
          .containsExactlyElementsOf(expected.get(user).keySet());
    }
    // five months of each participant: the checks below cover every one of these days
    assertThat(expected.values().stream().mapToInt(Map::size).sum()).isGreaterThan(3 * 140);
  }

  @Test
  void dailyStepsAreTheSumOfThatLocalDaysMinuteSteps() {
    // when
    List<String> wrong = compare(Expected::steps, Gold::steps, "steps");

    // then: p03's days, and no steps on any day of the participants without steps.json
    assertThat(wrong).as("user-days whose steps differ from steps.json").isEmpty();
    assertThat(expected.get("p03").values().stream().filter(d -> d.steps() != null).count())
        .as("p03 days with minute steps")
        .isGreaterThan(100);
  }

  @Test
  void activeMinutesAreThatDaysVeryPlusModeratelyActiveMinutes() {
    // when
    List<String> wrong = compare(Expected::activeMinutes, Gold::activeMinutes, "active_minutes");

    // then
    assertThat(wrong)
        .as("user-days whose active minutes differ from the *_active_minutes.json files")
        .isEmpty();
  }

  @Test
  void restingHeartRateIsThatDaysValueInRestingHeartRateJson() {
    // when
    List<String> wrong = compare(Expected::restingHr, Gold::restingHr, "resting_hr");

    // then: the file's value, and none on a day the file has no estimate for
    assertThat(wrong)
        .as("user-days whose resting heart rate differs from resting_heart_rate.json")
        .isEmpty();
  }

  @Test
  void sleepMinutesAreTheMinutesAsleepOfTheLogsEndingThatDay() {
    // given the pipeline merges one device's logs less than 15 minutes apart into one session,
    // which these participants' distinct logs never are, so each log is a session of its own
    for (String user : USERS) {
      assertThat(closeLogs.get(user))
          .as("distinct sleep logs of %s within %s of each other", user, SESSION_GAP)
          .isZero();
    }

    // then each night is on the day its log ends (you wake up), naps included, and sleep minutes
    // are the sum of those logs' minutesAsleep: Fitbit's own count, which for a staged log leaves
    // out the short wakes that levels.shortData lays over the long stages of levels.data. On the
    // spring-forward night (2020-03-29) a log's wall times run on through the missing hour
    // 02:00-03:00; read in Europe/Oslo, as the importer reads them, its 02:xx stages move an hour
    // later onto the next ones, while minutesAsleep still holds what the tracker measured.
    for (String user : USERS) {
      Set<LocalDate> nights = new TreeSet<>();
      expected.get(user).forEach((day, e) -> addIf(nights, day, e.sleepMinutes() != null));
      Set<LocalDate> goldNights = new TreeSet<>();
      gold.get(user).forEach((day, g) -> addIf(goldNights, day, g.sleepMinutes() != null));
      assertThat(goldNights).as("days of %s with sleep", user).isEqualTo(nights);
    }
    List<String> wrong = compare(Expected::sleepMinutes, Gold::sleepMinutes, "sleep_minutes");
    assertThat(wrong).as("user-days whose sleep minutes differ from sleep.json").isEmpty();
  }

  private static void addIf(Set<LocalDate> days, LocalDate day, boolean condition) {
    if (condition) {
      days.add(day);
    }
  }

  /** {@code user day metric: expected E (files), got G} for every user-day that differs. */
  private List<String> compare(
      Function<Expected, Number> fromFiles, Function<Gold, Number> fromGold, String metric) {
    List<String> wrong = new ArrayList<>();
    for (String user : USERS) {
      for (Map.Entry<LocalDate, Expected> day : expected.get(user).entrySet()) {
        Gold row = gold.getOrDefault(user, Map.of()).get(day.getKey());
        Number want = fromFiles.apply(day.getValue());
        Number got = row == null ? null : fromGold.apply(row);
        boolean same =
            want == null || got == null
                ? Objects.equals(want, got)
                : Math.abs(want.doubleValue() - got.doubleValue()) <= TOLERANCE;
        if (!same) {
          wrong.add(
              user + " " + day.getKey() + " " + metric + ": expected " + want + ", got " + got);
        }
      }
    }
    return wrong;
  }

  // ---- expected values, from the JSON files alone ----

  /** Per local day: what the files say, or null where they say nothing about that metric. */
  record Expected(Long steps, Double activeMinutes, Double restingHr, Double sleepMinutes) {}

  /** A gold row's checked columns. */
  record Gold(Long steps, Double activeMinutes, Double restingHr, Double sleepMinutes) {}

  private void readExpected(String user, Path fitbit) throws IOException {
    Set<LocalDate> days = new TreeSet<>();
    Map<LocalDate, Long> steps = new TreeMap<>();
    Map<LocalDate, Double> active = new TreeMap<>();
    Map<LocalDate, Double> resting = new TreeMap<>();
    Map<LocalDate, Double> asleep = new TreeMap<>();

    Path stepsFile = fitbit.resolve("steps.json");
    if (Files.exists(stepsFile)) {
      for (JsonNode minute : JSON.readTree(stepsFile.toFile())) {
        long value = Long.parseLong(minute.get("value").asText());
        if (value != 0) {
          steps.merge(day(minute.get("dateTime").asText()), value, Long::sum);
        }
      }
      days.addAll(steps.keySet());
    }
    Path distanceFile = fitbit.resolve("distance.json");
    if (Files.exists(distanceFile)) {
      for (JsonNode minute : JSON.readTree(distanceFile.toFile())) {
        if (Double.parseDouble(minute.get("value").asText()) != 0) {
          days.add(day(minute.get("dateTime").asText()));
        }
      }
    }
    for (String file : List.of("very_active_minutes.json", "moderately_active_minutes.json")) {
      for (JsonNode day : JSON.readTree(fitbit.resolve(file).toFile())) {
        active.merge(
            day(day.get("dateTime").asText()),
            Double.parseDouble(day.get("value").asText()),
            Double::sum);
      }
    }
    days.addAll(active.keySet());
    for (JsonNode day : JSON.readTree(fitbit.resolve("resting_heart_rate.json").toFile())) {
      double bpm = day.get("value").get("value").asDouble();
      if (bpm != 0) {
        resting.put(day(day.get("dateTime").asText()), bpm);
      }
    }
    days.addAll(resting.keySet());
    for (JsonNode exercise : JSON.readTree(fitbit.resolve("exercise.json").toFile())) {
      days.add(day(exercise.get("startTime").asText()));
    }

    Map<Long, JsonNode> logs = new TreeMap<>();
    for (JsonNode log : JSON.readTree(fitbit.resolve("sleep.json").toFile())) {
      logs.putIfAbsent(log.get("logId").asLong(), log);
    }
    List<LocalDateTime[]> spans = new ArrayList<>();
    for (JsonNode log : logs.values()) {
      LocalDateTime end = time(log.get("endTime").asText());
      spans.add(new LocalDateTime[] {time(log.get("startTime").asText()), end});
      asleep.merge(end.toLocalDate(), log.get("minutesAsleep").asDouble(), Double::sum);
      days.add(end.toLocalDate());
      // every stage row is a sample of the day it ends on
      for (JsonNode stage : log.path("levels").path("data")) {
        days.add(
            time(stage.get("dateTime").asText())
                .plusSeconds(stage.get("seconds").asLong())
                .toLocalDate());
      }
    }
    spans.sort((a, b) -> a[0].compareTo(b[0]));
    int close = 0;
    for (int i = 1; i < spans.size(); i++) {
      if (!spans.get(i)[0].isAfter(spans.get(i - 1)[1].plus(SESSION_GAP))) {
        close++;
      }
    }

    Map<LocalDate, Expected> out = new TreeMap<>();
    for (LocalDate day : days) {
      out.put(
          day, new Expected(steps.get(day), active.get(day), resting.get(day), asleep.get(day)));
    }
    expected.put(user, out);
    closeLogs.put(user, close);
  }

  /** The local date of a PMData Fitbit time ({@code 2019-11-02 00:09:30} or ISO with millis). */
  private static LocalDate day(String text) {
    return LocalDate.parse(text.substring(0, 10));
  }

  private static LocalDateTime time(String text) {
    return LocalDateTime.parse(text.strip().replace(' ', 'T'));
  }

  // ---- bronze rows, as the pmdata importer maps fitbit/*.json ----

  /**
   * The samples the importer makes of one participant's {@code fitbit/} folder: files read in the
   * profile's zone, each sample carrying the offset of its start, source {@code fitbit}, a watch.
   */
  private static List<Sample> importFitbitFiles(UserId user, Path participant) throws IOException {
    Path fitbit = participant.resolve("fitbit");
    Instant now = Instant.now();
    List<Sample> out = new ArrayList<>();
    for (String file : List.of("steps.json", "distance.json")) {
      Path path = fitbit.resolve(file);
      if (!Files.exists(path)) {
        continue;
      }
      boolean isSteps = file.equals("steps.json");
      for (JsonNode minute : JSON.readTree(path.toFile())) {
        double value = Double.parseDouble(minute.get("value").asText());
        if (value != 0) {
          ZonedDateTime start = zoned(minute.get("dateTime").asText());
          out.add(
              sample(
                  user,
                  isSteps ? Metric.STEPS : Metric.DISTANCE,
                  value,
                  isSteps ? "count" : "cm",
                  start,
                  start.plusMinutes(1),
                  now));
        }
      }
    }
    for (JsonNode day : JSON.readTree(fitbit.resolve("resting_heart_rate.json").toFile())) {
      double bpm = day.get("value").get("value").asDouble();
      if (bpm != 0) {
        ZonedDateTime start = zoned(day.get("dateTime").asText()).toLocalDate().atStartOfDay(OSLO);
        out.add(sample(user, Metric.RESTING_HEART_RATE, bpm, "bpm", start, start.plusDays(1), now));
      }
    }
    Map<LocalDate, Double> active = new TreeMap<>();
    for (String file : List.of("very_active_minutes.json", "moderately_active_minutes.json")) {
      for (JsonNode day : JSON.readTree(fitbit.resolve(file).toFile())) {
        active.merge(
            zoned(day.get("dateTime").asText()).toLocalDate(),
            Double.parseDouble(day.get("value").asText()),
            Double::sum);
      }
    }
    active.forEach(
        (day, minutes) -> {
          ZonedDateTime start = day.atStartOfDay(OSLO);
          out.add(
              sample(user, Metric.ACTIVE_MINUTES, minutes, "min", start, start.plusDays(1), now));
        });
    for (JsonNode log : JSON.readTree(fitbit.resolve("exercise.json").toFile())) {
      ZonedDateTime start = zoned(log.get("startTime").asText());
      long durationMs = log.get("duration").asLong();
      double activeMs =
          log.hasNonNull("activeDuration")
              ? log.get("activeDuration").asDouble()
              : (double) durationMs;
      out.add(
          sample(
              user,
              Metric.WORKOUT,
              activeMs,
              "ms",
              start,
              start.plus(Duration.ofMillis(durationMs)),
              now));
    }
    for (JsonNode log : JSON.readTree(fitbit.resolve("sleep.json").toFile())) {
      out.add(
          sample(
              user,
              Metric.SLEEP_SESSION,
              log.get("minutesAsleep").asDouble(),
              "min",
              zoned(log.get("startTime").asText()),
              zoned(log.get("endTime").asText()),
              now));
      // levels.data only: shortData lays short wakes over these and is left out
      for (JsonNode stage : log.path("levels").path("data")) {
        SleepStage level;
        try {
          level = SleepStage.parse(stage.get("level").asText());
        } catch (IllegalArgumentException e) {
          continue; // "unknown" (signal lost) is no stage: the importer rejects that interval
        }
        ZonedDateTime start = zoned(stage.get("dateTime").asText());
        out.add(
            sample(
                user,
                Metric.SLEEP_STAGE,
                level.code(),
                null,
                start,
                start.plusSeconds(stage.get("seconds").asLong()),
                now));
      }
    }
    return out;
  }

  private static ZonedDateTime zoned(String text) {
    return ZonedDateTime.of(time(text), OSLO);
  }

  private static Sample sample(
      UserId user,
      Metric metric,
      double value,
      String unit,
      ZonedDateTime start,
      ZonedDateTime end,
      Instant now) {
    return SampleFactory.create(
        user,
        metric.code(),
        value,
        unit,
        start.toInstant(),
        end.toInstant(),
        start.getOffset(),
        "fitbit",
        null,
        DeviceType.WATCH,
        now);
  }
}
