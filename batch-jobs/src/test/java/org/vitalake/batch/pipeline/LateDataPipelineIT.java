package org.vitalake.batch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;
import org.vitalake.batch.BatchProperties;
import org.vitalake.batch.daily.DailyMetricsAggregator;
import org.vitalake.batch.fixture.PipelineStack;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.metric.SleepStage;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.Sample;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableAppender;
import org.vitalake.lakehouse.TableDefinition;
import org.vitalake.lakehouse.local.LocalLakehouse;

/**
 * Late rows after midnight on a real lakehouse (s3proxy + SQLite catalog): a sleep stage that
 * carries a night past midnight, readings of a workout that crossed it, and a workout that arrives
 * after the readings it holds. The incremental run must leave every silver and gold table as a
 * {@code --full} run does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LateDataPipelineIT {

  private static final ZoneOffset OFFSET = ZoneOffset.ofHours(2);
  private static final LocalDate DAY = LocalDate.of(2025, 3, 10);
  private static final String SLEEPER = "late-sleeper";
  private static final String RUNNER = "late-runner";
  private static final String NIGHT_RUNNER = "late-night-runner";

  private static final Instant BED = at(DAY, 22, 0);
  private static final Instant FIRST_STAGES_END = at(DAY, 23, 50);
  private static final Instant WAKE = at(DAY.plusDays(1), 6, 0);

  private static final Instant WORKOUT_START = at(DAY, 23, 30);
  private static final Instant WORKOUT_END = at(DAY.plusDays(1), 0, 30);
  private static final double EARLY_ENERGY = 50;
  private static final double EARLY_HR = 120;
  private static final double LATE_ENERGY = 80;
  private static final double LATE_HR = 160;

  private PipelineStack stack;
  private LocalLakehouse lakehouse;
  private SparkSession spark;
  private ConfigurableApplicationContext context;

  @BeforeAll
  void startLakehouse() throws IOException {
    stack =
        PipelineStack.start(
            "vitalake-late-it",
            Map.of(BatchProperties.ENV_ARRIVAL_MARGIN_MINUTES, "0"),
            new PrintStream(System.out, true, StandardCharsets.UTF_8));
    lakehouse = stack.lakehouse();
    spark = stack.spark();
    context = stack.context();
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void theFirstRunSeesTheNightAndTheWorkoutAsFarAsTheyHadArrived() throws Exception {
    // given the ring's stages until 23:50, and the watch's workout with its readings before
    // midnight; the morning's resting heart rate keeps the workout's heart rate after midnight
    // from standing in for it
    TableAppender appender = new TableAppender(lakehouse.lakehouse());
    appender.append(LakehouseTables.USER_PROFILES, List.of(profile(SLEEPER), profile(RUNNER)));
    appender.append(
        LakehouseTables.WEARABLE_SAMPLES,
        List.of(
            sample(
                SLEEPER,
                Metric.SLEEP_STAGE,
                SleepStage.LIGHT.code(),
                BED,
                FIRST_STAGES_END,
                DeviceType.RING),
            sample(RUNNER, Metric.WORKOUT, 60, WORKOUT_START, WORKOUT_END, DeviceType.WATCH),
            sample(
                RUNNER,
                Metric.RESTING_HEART_RATE,
                55,
                at(DAY.plusDays(1), 7, 0),
                null,
                DeviceType.WATCH),
            sample(
                RUNNER,
                Metric.HEART_RATE,
                EARLY_HR,
                WORKOUT_START.plusSeconds(600),
                null,
                DeviceType.WATCH),
            sample(
                RUNNER,
                Metric.ACTIVE_ENERGY,
                EARLY_ENERGY,
                WORKOUT_START,
                WORKOUT_START.plusSeconds(600),
                DeviceType.WATCH)));

    // when
    assertThat(command().run(false, null).getStatus()).isEqualTo(BatchStatus.COMPLETED);

    // then
    assertThat(sleepMinutes())
        .containsExactly(Map.entry(DAY, (double) minutes(BED, FIRST_STAGES_END)));
    Row workout = workout();
    assertThat(workout.getDouble(0)).isEqualTo(EARLY_ENERGY);
    assertThat(workout.getDouble(1)).isEqualTo(EARLY_HR);
  }

  @Test
  @Order(2)
  void lateRowsAfterMidnightLeaveTheTablesOfAFullRun() throws Exception {
    // given a late stage that carries the night past midnight, and heart rate and energy of the
    // workout's half hour after midnight
    Instant afterMidnight = DAY.plusDays(1).atStartOfDay().toInstant(OFFSET);
    new TableAppender(lakehouse.lakehouse())
        .append(
            LakehouseTables.WEARABLE_SAMPLES,
            List.of(
                sample(
                    SLEEPER,
                    Metric.SLEEP_STAGE,
                    SleepStage.DEEP.code(),
                    FIRST_STAGES_END,
                    WAKE,
                    DeviceType.RING),
                sample(
                    RUNNER,
                    Metric.HEART_RATE,
                    LATE_HR,
                    afterMidnight.plusSeconds(600),
                    null,
                    DeviceType.WATCH),
                sample(
                    RUNNER,
                    Metric.ACTIVE_ENERGY,
                    LATE_ENERGY,
                    afterMidnight,
                    afterMidnight.plusSeconds(600),
                    DeviceType.WATCH)));

    // when
    assertThat(command().run(false, null).getStatus()).isEqualTo(BatchStatus.COMPLETED);
    Map<String, List<String>> incremental = contents();
    assertThat(command().run(true, null).getStatus()).isEqualTo(BatchStatus.COMPLETED);

    // then one night, on the day of waking up, and the workout with all its readings
    assertThat(sleepMinutes())
        .containsExactly(Map.entry(DAY.plusDays(1), (double) minutes(BED, WAKE)));
    Row workout = workout();
    assertThat(workout.getDouble(0)).isEqualTo(EARLY_ENERGY + LATE_ENERGY);
    assertThat(workout.getDouble(1)).isEqualTo((EARLY_HR + LATE_HR) / 2);
    assertThat(workout.getDouble(2)).isEqualTo(Math.max(EARLY_HR, LATE_HR));
    // and the incremental run had left every table as the full run does
    assertThat(incremental).isEqualTo(contents());
  }

  @Test
  @Order(3)
  void aLateWorkoutLeavesItsReadingsOutOfTheNextMorningsRestingHeartRate() throws Exception {
    // given the early hours of a day without a sleep session: a run's heart rate every 30 seconds
    // from midnight to 00:40, then calm readings every 10 minutes; the run started at 23:30 the
    // day before, and its workout row arrives a run later than its readings
    LocalDate runDay = DAY.plusDays(5);
    LocalDate morning = runDay.plusDays(1);
    Instant runStart = at(runDay, 23, 30);
    Instant runEnd = at(morning, 0, 40);
    List<Record> readings = new ArrayList<>();
    List<Double> calm = new ArrayList<>();
    List<Double> early = new ArrayList<>();
    for (Instant t = runStart; t.isBefore(runEnd); t = t.plusSeconds(30)) {
      readings.add(sample(NIGHT_RUNNER, Metric.HEART_RATE, 110, t, null, DeviceType.WATCH));
      if (!t.isBefore(at(morning, 0, 0))) {
        early.add(110.0);
      }
    }
    for (int i = 0; i < 30; i++) {
      double bpm = 50 + i % 6;
      Instant t = at(morning, 1, 0).plusSeconds(600L * i);
      readings.add(sample(NIGHT_RUNNER, Metric.HEART_RATE, bpm, t, null, DeviceType.WATCH));
      calm.add(bpm);
      early.add(bpm);
    }
    TableAppender appender = new TableAppender(lakehouse.lakehouse());
    appender.append(LakehouseTables.USER_PROFILES, List.of(profile(NIGHT_RUNNER)));
    appender.append(LakehouseTables.WEARABLE_SAMPLES, readings);
    assertThat(command().run(false, null).getStatus()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(restingHr(NIGHT_RUNNER, morning))
        .isEqualTo(percentile(early, DailyMetricsAggregator.NIGHT_PERCENTILE));
    appender.append(
        LakehouseTables.WEARABLE_SAMPLES,
        List.of(
            sample(
                NIGHT_RUNNER,
                Metric.WORKOUT,
                minutes(runStart, runEnd),
                runStart,
                runEnd,
                DeviceType.WATCH)));

    // when
    assertThat(command().run(false, null).getStatus()).isEqualTo(BatchStatus.COMPLETED);
    Map<String, List<String>> incremental = contents(NIGHT_RUNNER);
    assertThat(command().run(true, null).getStatus()).isEqualTo(BatchStatus.COMPLETED);

    // then the calm readings alone make the morning's resting heart rate, incrementally too (the
    // other users' rows were not recomputed, so only their computed_at differs from a full run's)
    assertThat(percentile(calm, DailyMetricsAggregator.NIGHT_PERCENTILE))
        .isNotEqualTo(percentile(early, DailyMetricsAggregator.NIGHT_PERCENTILE));
    assertThat(restingHr(NIGHT_RUNNER, morning))
        .isEqualTo(percentile(calm, DailyMetricsAggregator.NIGHT_PERCENTILE));
    assertThat(incremental).isEqualTo(contents(NIGHT_RUNNER));
  }

  private PipelineCommand command() {
    return context.getBean(PipelineCommand.class);
  }

  private static Instant at(LocalDate day, int hour, int minute) {
    return day.atTime(hour, minute).toInstant(OFFSET);
  }

  private static long minutes(Instant from, Instant to) {
    return Duration.between(from, to).toMinutes();
  }

  /** local day -> minutes asleep of the sleeper, from {@code gold.daily_metrics}. */
  private Map<LocalDate, Double> sleepMinutes() {
    Map<LocalDate, Double> out = new TreeMap<>();
    for (Row r :
        spark
            .sql(
                "SELECT local_date, sleep_minutes FROM gold.daily_metrics WHERE user_id = '"
                    + SLEEPER
                    + "' AND sleep_minutes IS NOT NULL")
            .collectAsList()) {
      out.put(r.getDate(0).toLocalDate(), ((Number) r.get(1)).doubleValue());
    }
    return out;
  }

  /** The resting heart rate of {@code user} on {@code day}, from {@code gold.daily_metrics}. */
  private Double restingHr(String user, LocalDate day) {
    List<Row> rows =
        spark
            .sql(
                "SELECT resting_hr FROM gold.daily_metrics WHERE user_id = '"
                    + user
                    + "' AND local_date = DATE '"
                    + day
                    + "'")
            .collectAsList();
    assertThat(rows).hasSize(1);
    return rows.get(0).isNullAt(0) ? null : rows.get(0).getDouble(0);
  }

  /** Spark's exact percentile: linear interpolation at position p * (n - 1). */
  private static double percentile(List<Double> values, double p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    double position = p * (sorted.size() - 1);
    int lower = (int) Math.floor(position);
    int upper = (int) Math.ceil(position);
    return sorted.get(lower) + (position - lower) * (sorted.get(upper) - sorted.get(lower));
  }

  /** Energy, average and maximum heart rate of the runner's one workout, on the day it started. */
  private Row workout() {
    List<Row> rows =
        spark
            .sql(
                "SELECT energy_kcal, avg_heart_rate, max_heart_rate, local_date FROM silver.workouts"
                    + " WHERE user_id = '"
                    + RUNNER
                    + "'")
            .collectAsList();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getDate(3).toLocalDate()).isEqualTo(DAY);
    return rows.get(0);
  }

  /** Every silver and gold table's rows as sorted text lines. */
  private Map<String, List<String>> contents() {
    return contents(null);
  }

  /** Every silver and gold table's rows of {@code user} (all users when null) as sorted lines. */
  private Map<String, List<String>> contents(String user) {
    Map<String, List<String>> out = new TreeMap<>();
    for (TableDefinition table : LakehouseTables.ALL) {
      if (!table.id().namespace().equals(LakehouseTables.BRONZE)) {
        Dataset<Row> rows = spark.table(table.qualifiedName());
        if (user != null) {
          if (table.schema().findField("user_id") == null) {
            continue; // an aggregate over users (cohorts) holds no rows of one user
          }
          rows = rows.where(functions.col("user_id").equalTo(user));
        }
        out.put(
            table.qualifiedName(),
            rows.collectAsList().stream().map(r -> r.mkString("|")).sorted().toList());
      }
    }
    return out;
  }

  private static Record profile(String user) {
    Record r = GenericRecord.create(LakehouseTables.USER_PROFILES.schema());
    r.setField("user_id", user);
    r.setField("time_zone", "Europe/Oslo");
    r.setField("goals", List.of());
    r.setField("updated_at", Instant.parse("2025-01-01T00:00:00Z").atOffset(ZoneOffset.UTC));
    return r;
  }

  private static Record sample(
      String user, Metric metric, double value, Instant start, Instant end, DeviceType type) {
    String unit = metric.canonicalUnit().symbol();
    String device = type.code();
    Sample sample =
        new Sample(
            UserId.of(user), metric, value, start, end, OFFSET, "vendor", device, type, unit);
    Record r = GenericRecord.create(LakehouseTables.WEARABLE_SAMPLES.schema());
    r.setField("ingest_id", UUID.randomUUID().toString());
    r.setField("received_at", Instant.now().atOffset(ZoneOffset.UTC));
    r.setField("user_id", user);
    r.setField("source", "vendor");
    r.setField("device", device);
    r.setField("device_type", type.code());
    r.setField("metric", metric.code());
    r.setField("value", value);
    r.setField("unit", unit);
    r.setField("value_as_sent", value);
    r.setField("start_time", start.atOffset(ZoneOffset.UTC));
    r.setField("end_time", end == null ? null : end.atOffset(ZoneOffset.UTC));
    r.setField("zone_offset_seconds", OFFSET.getTotalSeconds());
    r.setField("sample_key", sample.sampleKey());
    return r;
  }
}
