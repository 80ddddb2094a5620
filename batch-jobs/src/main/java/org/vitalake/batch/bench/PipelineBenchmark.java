package org.vitalake.batch.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.vitalake.batch.BatchApplication;
import org.vitalake.batch.BatchProperties;
import org.vitalake.batch.TextTable;
import org.vitalake.batch.pipeline.PipelineCommand;
import org.vitalake.batch.spark.LakehouseSparkSession;
import org.vitalake.lakehouse.local.LocalLakehouse;

/**
 * {@code ./vitalake bench pipeline --users N --days D}: writes realistic bronze data into a
 * throwaway local lakehouse (minute heart rate from a watch, minute steps from a watch and a phone,
 * nightly sleep stages from a ring, meals and moods), runs the nightly pipeline on it, and reports
 * wall time and rows/s per step next to a plain Spark scan-and-aggregate of the same bronze table
 * (the ceiling).
 */
public final class PipelineBenchmark {

  static final LocalDate FIRST_DAY = LocalDate.of(2025, 3, 1);
  static final List<String> ZONES =
      List.of("Europe/Oslo", "America/New_York", "Asia/Tokyo", "Australia/Sydney", "UTC");

  private PipelineBenchmark() {}

  public static void main(String[] args) throws Exception {
    int users = 1000;
    int days = 30;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--users" -> users = positive("--users", args[++i]);
        case "--days" -> days = positive("--days", args[++i]);
        default -> {
          System.err.println("usage: bench pipeline [--users N] [--days D]");
          System.exit(2);
        }
      }
    }
    System.exit(run(users, days));
  }

  static int run(int users, int days) throws Exception {
    printMachine();
    BatchProperties env = BatchProperties.fromEnvironment();
    Path root = Files.createTempDirectory("vitalake-bench-");
    try (LocalLakehouse lakehouse = LocalLakehouse.startIn(root.resolve("lake"), true)) {
      BatchProperties batch =
          BatchProperties.fromMap(
              Map.of(
                  "VITALAKE_HOME",
                  root.toString(),
                  BatchProperties.ENV_SPARK_MASTER,
                  env.sparkMaster()));
      SparkSession spark =
          LakehouseSparkSession.create(lakehouse.properties(), batch, "vitalake-bench");
      long start = System.nanoTime();
      long bronzeRows = generate(spark, users, days);
      double generateSeconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "generated %,d bronze rows for %d users x %d days in %.1f s%n",
          bronzeRows, users, days, generateSeconds);

      start = System.nanoTime();
      spark
          .table("bronze.wearable_samples")
          .groupBy(col("user_id"), to_date(col("start_time")), col("metric"))
          .agg(count(lit(1)), sum(col("value")))
          .write()
          .format("noop")
          .mode("overwrite")
          .save();
      double ceiling = (System.nanoTime() - start) / 1e9;

      SparkStageTimes stages = new SparkStageTimes();
      spark.sparkContext().addSparkListener(stages);
      JobExecution run;
      try (ConfigurableApplicationContext context =
          BatchApplication.start(lakehouse.properties(), batch, spark, System.out)) {
        run = context.getBean(PipelineCommand.class).run(false, null);
      }
      report(run, bronzeRows, ceiling);
      stages.print(System.out, 1.0);
      spark.stop();
      return run.getStatus().isUnsuccessful() ? 1 : 0;
    }
  }

  static void printMachine() {
    Runtime rt = Runtime.getRuntime();
    long physical = 0;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      physical = os.getTotalMemorySize();
    }
    System.out.printf(
        "machine: %d cores, %.1f GiB memory, JVM %s %s, max heap %.1f GiB%n",
        rt.availableProcessors(),
        physical / (double) (1L << 30),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        rt.maxMemory() / (double) (1L << 30));
  }

  /** Writes the bronze tables; returns the number of wearable sample rows. */
  static long generate(SparkSession spark, int users, int days) throws Exception {
    long firstDay = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    Column user = concat_ws("-", lit("bench"), expr("lpad(cast(u as string), 6, '0')"));
    Dataset<Row> userDays =
        spark
            .range(0, (long) users * days)
            .select(
                expr("cast(id % " + users + " as int)").as("u"),
                expr("cast(id div " + users + " as int)").as("d"))
            .withColumn("user_id", user)
            .withColumn("zone_index", expr("u % " + ZONES.size()));
    String zoneArray =
        "array(" + String.join(", ", ZONES.stream().map(z -> "'" + z + "'").toList()) + ")";

    Dataset<Row> profiles =
        spark
            .range(0, users)
            .select(expr("cast(id as int)").as("u"))
            .withColumn("user_id", user)
            .select(
                col("user_id"),
                lit(1985).as("birth_year"),
                lit("unspecified").as("sex"),
                lit(175.0).as("height_cm"),
                lit(72.0).as("weight_kg"),
                element_at(expr(zoneArray), expr("u % " + ZONES.size() + " + 1")).as("time_zone"),
                expr("array('steps')").as("goals"),
                timestamp_seconds(lit(firstDay - 86_400)).as("updated_at"));
    profiles.writeTo("bronze.user_profiles").append();

    // minute rows of a day: heart rate all day (watch), steps while awake (watch), steps for
    // eight hours (the phone, carried; its minutes overlap the watch's)
    Dataset<Row> minutes =
        userDays.crossJoin(spark.range(0, 1440).select(expr("cast(id as int)").as("m")));
    Column dayStart = expr(firstDay + " + d * 86400 - (zone_index * 3600)");
    Column minuteStart = dayStart.plus(col("m").multiply(60));
    Dataset<Row> heartRate =
        minutes.select(
            col("user_id"),
            lit("apple_health").as("source"),
            lit("Watch7,1").as("device"),
            lit("watch").as("device_type"),
            lit("heart_rate").as("metric"),
            expr("cast(52 + (u % 9) + (m % 37) + case when m between 420 and 1380 then 18 else 0 end as double)")
                .as("value"),
            lit("count/min").as("unit"),
            minuteStart.as("s"),
            lit(null).cast("long").as("e"));
    Dataset<Row> watchSteps =
        minutes
            .where(col("m").between(420, 1379))
            .select(
                col("user_id"),
                lit("apple_health").as("source"),
                lit("Watch7,1").as("device"),
                lit("watch").as("device_type"),
                lit("steps").as("metric"),
                expr("cast((m * 7 + u) % 60 as double)").as("value"),
                lit("count").as("unit"),
                minuteStart.as("s"),
                minuteStart.plus(60).as("e"));
    Dataset<Row> phoneSteps =
        minutes
            .where(col("m").between(540, 1019))
            .select(
                col("user_id"),
                lit("apple_health").as("source"),
                lit("iPhone15,2").as("device"),
                lit("phone").as("device_type"),
                lit("steps").as("metric"),
                expr("cast((m * 5 + u) % 45 as double)").as("value"),
                lit("count").as("unit"),
                minuteStart.as("s"),
                minuteStart.plus(60).as("e"));
    // a night in 30-minute stages from 23:00 to 07:00 local, ring
    Dataset<Row> sleep =
        userDays
            .crossJoin(spark.range(0, 16).select(expr("cast(id as int)").as("k")))
            .select(
                col("user_id"),
                lit("oura").as("source"),
                lit("gen3").as("device"),
                lit("ring").as("device_type"),
                lit("sleep_stage").as("metric"),
                expr("cast(case when k % 7 = 3 then 0 when k % 4 = 1 then 2 when k % 4 = 3 then 3 else 1 end as double)")
                    .as("value"),
                lit("code").as("unit"),
                dayStart.minus(3600).plus(col("k").multiply(1800)).as("s"),
                dayStart.minus(3600).plus(col("k").plus(1).multiply(1800)).as("e"));
    Dataset<Row> samples =
        heartRate
            .unionByName(watchSteps)
            .unionByName(phoneSteps)
            .unionByName(sleep)
            .withColumn("start_time", timestamp_seconds(col("s")))
            .withColumn("end_time", timestamp_seconds(col("e")))
            .withColumn("zone_offset_seconds", lit(null).cast("int"))
            .withColumn("value_as_sent", col("value"))
            .withColumn(
                "sample_key",
                substring(
                    sha2(
                        concat_ws(
                            "|",
                            col("user_id"),
                            col("metric"),
                            col("source"),
                            col("device"),
                            col("s").cast("string"),
                            col("e").cast("string"),
                            col("value").cast("string")),
                        256),
                    1,
                    32))
            .withColumn("ingest_id", expr("uuid()"))
            .withColumn("received_at", timestamp_seconds(expr("coalesce(e, s) + 3600")))
            .withColumn("raw_ref", lit(null).cast("string"));
    samples
        .select(
            "ingest_id",
            "received_at",
            "user_id",
            "source",
            "device",
            "device_type",
            "metric",
            "value",
            "unit",
            "value_as_sent",
            "start_time",
            "end_time",
            "zone_offset_seconds",
            "sample_key",
            "raw_ref")
        .writeTo("bronze.wearable_samples")
        .append();

    Dataset<Row> journal =
        userDays
            .crossJoin(spark.range(0, 4).select(expr("cast(id as int)").as("k")))
            .select(
                expr("uuid()").as("entry_id"),
                expr("uuid()").as("ingest_id"),
                col("user_id"),
                when(col("k").lt(3), lit("meal")).otherwise(lit("mood")).as("entry_type"),
                timestamp_seconds(dayStart.plus(expr("28800 + k * 18000"))).as("occurred_at"),
                lit(null).cast("int").as("zone_offset_seconds"),
                when(
                        col("k").lt(3),
                        expr(
                            "concat('{\"name\":\"meal ', k, '\",\"calories\":', 400 + (u % 5) * 50 + k * 120, ',\"protein_g\":', 20 + k * 5, '}')"))
                    .otherwise(expr("concat('{\"score\":', 1 + (u + d) % 5, '}')"))
                    .as("content"),
                timestamp_seconds(dayStart.plus(86_400)).as("received_at"),
                lit(null).cast("string").as("raw_ref"));
    journal.writeTo("bronze.journal_entries").append();
    return spark.table("bronze.wearable_samples").count();
  }

  static void report(JobExecution run, long bronzeRows, double ceilingSeconds) {
    TextTable table = new TextTable(List.of("step", "seconds>", "rows in>", "rows in/s>"));
    double normalizeAndDaily = 0;
    List<StepExecution> steps = new ArrayList<>(run.getStepExecutions());
    steps.sort(java.util.Comparator.comparing(StepExecution::getId));
    for (StepExecution step : steps) {
      double seconds =
          step.getEndTime() == null
              ? 0
              : Duration.between(step.getStartTime(), step.getEndTime()).toMillis() / 1000.0;
      long in = step.getReadCount();
      if (List.of("normalizeSamples", "normalizeJournal", "dailyMetrics")
          .contains(step.getStepName())) {
        normalizeAndDaily += seconds;
      }
      table.add(
          List.of(
              step.getStepName(),
              String.format("%.1f", seconds),
              String.format("%,d", in),
              seconds > 0 ? String.format("%,.0f", in / seconds) : "-"));
    }
    table.add(
        List.of(
            "ceiling: scan + aggregate of bronze",
            String.format("%.1f", ceilingSeconds),
            String.format("%,d", bronzeRows),
            String.format("%,.0f", bronzeRows / ceilingSeconds)));
    System.out.println();
    table.print(System.out);
    System.out.printf(
        "%nnormalize + daily metrics: %.1f s = %.1fx the ceiling (%s)%n",
        normalizeAndDaily, normalizeAndDaily / ceilingSeconds, run.getStatus());
  }

  private static int positive(String option, String text) {
    try {
      int n = Integer.parseInt(text);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " is '" + text + "' but must be a positive number");
  }
}
