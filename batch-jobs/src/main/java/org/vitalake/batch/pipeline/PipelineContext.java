package org.vitalake.batch.pipeline;

import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.iceberg.spark.SparkWriteOptions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.vitalake.batch.normalize.JournalTyper;
import org.vitalake.batch.normalize.SampleNormalizer;
import org.vitalake.batch.normalize.SleepSessionBuilder;
import org.vitalake.batch.normalize.WorkoutBuilder;
import org.vitalake.batch.spark.LakehouseSparkSession;
import org.vitalake.batch.spark.TableSchemas;
import org.vitalake.core.metric.Metric;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableDefinition;

/**
 * What a {@link PipelineStage} works with: the Spark session, the run's {@link PipelineScope}, the
 * (user, local day) pairs the run recomputes, readers scoped to those days, and the one way to
 * write: {@link #overwriteDays}, which replaces exactly those user-days.
 */
public final class PipelineContext {

  /** Days read on each side of the recomputed days, so sessions crossing midnight are whole. */
  static final int MARGIN_DAYS = 2;

  /** Up to this many users, readers push a {@code user_id IN (...)} filter down to Iceberg. */
  static final int PUSHDOWN_MAX_USERS = 5_000;

  private final SparkSession spark;
  private final String catalogName;
  private final PipelineScope scope;
  private Dataset<Row> timeZones;
  private Dataset<Row> consentDecisions;
  private Dataset<Row> affectedDays;
  private DayWindow window;

  /** The dates and users the run touches, for filters Iceberg can push down to its scan. */
  record DayWindow(LocalDate first, LocalDate last, List<String> users, long pairs) {
    boolean isEmpty() {
      return pairs == 0;
    }
  }

  public PipelineContext(SparkSession spark, String catalogName, PipelineScope scope) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.catalogName = Objects.requireNonNull(catalogName, "catalogName");
    this.scope = Objects.requireNonNull(scope, "scope");
  }

  public SparkSession spark() {
    return spark;
  }

  public PipelineScope scope() {
    return scope;
  }

  /** The Spark SQL name of a lakehouse table in the shared catalog. */
  public String tableName(TableDefinition table) {
    return LakehouseSparkSession.tableName(catalogName, table);
  }

  /** All rows of a bronze table as of the snapshot this run reads. */
  public Dataset<Row> readBronze(TableDefinition table) {
    PipelineScope.SnapshotRange range = scope.range(table.qualifiedName());
    if (range.to() == null) {
      return empty(table);
    }
    return spark.read().format("iceberg").option("versionAsOf", range.to()).load(tableName(table));
  }

  /**
   * Rows appended to a bronze table within this run's snapshot range, or, when the snapshots in
   * between are expired, the rows of its last snapshot that arrived after the range's bound.
   */
  public Dataset<Row> readNewBronze(TableDefinition table) {
    PipelineScope.SnapshotRange range = scope.range(table.qualifiedName());
    if (range.isEmpty()) {
      return empty(table);
    }
    if (range.fromExclusive() == null) {
      return readBronze(table);
    }
    if (range.arrivedAfter() != null) {
      return readBronze(table)
          .where(
              col(PipelineScopeResolver.arrivalColumn(table))
                  .gt(lit(Timestamp.from(range.arrivedAfter()))));
    }
    return spark
        .read()
        .format("iceberg")
        .option("start-snapshot-id", range.fromExclusive())
        .option("end-snapshot-id", range.to())
        .load(tableName(table));
  }

  /**
   * The snapshot of a bronze table whose rows this run reads: the scope's snapshot, or the newest
   * one before it that changed rows when it is a compaction; null for an empty table. Stable across
   * reruns, so it can be stored with results and a notebook can pin it.
   */
  public Long dataSnapshotId(TableDefinition table) throws Exception {
    Long to = scope.range(table.qualifiedName()).to();
    if (to == null) {
      return null;
    }
    org.apache.iceberg.Table iceberg = Spark3Util.loadIcebergTable(spark, tableName(table));
    org.apache.iceberg.Snapshot snapshot = iceberg.snapshot(to);
    return snapshot == null
        ? to
        : PipelineScopeResolver.lastDataCommit(iceberg, snapshot).snapshotId();
  }

  /** The latest time zone of every user, from the profiles as of this run's snapshot. */
  public synchronized Dataset<Row> timeZones() {
    if (timeZones == null) {
      timeZones =
          SampleNormalizer.latestTimeZones(readBronze(LakehouseTables.USER_PROFILES))
              .persist(StorageLevel.MEMORY_AND_DISK());
    }
    return timeZones;
  }

  /**
   * The (user_id, local_date) pairs this run recomputes: the days new samples and journal entries
   * can change (their own day and, for sleep, workouts and the readings of workouts, the days of
   * their {@link #reach}), every day of a user whose profile changed (the time zone may have moved
   * them), and {@code --date} for every user with data that day. Null in a full run: everything is
   * recomputed.
   */
  public synchronized Dataset<Row> affectedDays() {
    if (scope.full()) {
      return null;
    }
    if (affectedDays == null) {
      Dataset<Row> days =
          touchedDays(
              readNewBronze(LakehouseTables.WEARABLE_SAMPLES),
              readNewBronze(LakehouseTables.JOURNAL_ENTRIES));
      Dataset<Row> changedProfiles =
          readNewBronze(LakehouseTables.USER_PROFILES)
              .select(col("user_id").as("p_user"))
              .distinct();
      if (!scope.range(LakehouseTables.USER_PROFILES.qualifiedName()).isEmpty()) {
        Dataset<Row> samples = readBronze(LakehouseTables.WEARABLE_SAMPLES);
        Dataset<Row> entries = readBronze(LakehouseTables.JOURNAL_ENTRIES);
        Dataset<Row> ofChanged =
            touchedDays(
                samples.join(
                    broadcast(changedProfiles), col("user_id").equalTo(col("p_user")), "left_semi"),
                entries.join(
                    broadcast(changedProfiles),
                    col("user_id").equalTo(col("p_user")),
                    "left_semi"));
        // a new time zone moves a row by less than a day either way
        days =
            days.unionByName(
                ofChanged.select(
                    col("user_id"),
                    explode(
                            org.apache.spark.sql.functions.array(
                                date_add(col("local_date"), -1),
                                col("local_date"),
                                date_add(col("local_date"), 1)))
                        .as("local_date")));
      }
      if (scope.date() != null) {
        Timestamp from =
            Timestamp.from(scope.date().minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        Timestamp to =
            Timestamp.from(scope.date().plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant());
        Dataset<Row> onDate =
            touchedDays(
                    readBronze(LakehouseTables.WEARABLE_SAMPLES)
                        .where(col("start_time").geq(lit(from)).and(col("start_time").lt(lit(to)))),
                    readBronze(LakehouseTables.JOURNAL_ENTRIES)
                        .where(
                            col("occurred_at").geq(lit(from)).and(col("occurred_at").lt(lit(to)))))
                .where(col("local_date").equalTo(lit(Date.valueOf(scope.date()))));
        days = days.unionByName(onDate);
      }
      affectedDays = days.distinct().persist(StorageLevel.MEMORY_AND_DISK());
    }
    return affectedDays;
  }

  /** Whether the run recomputes anything at all. */
  public boolean hasWork() {
    return scope.full() || !window().isEmpty();
  }

  /** Number of (user, day) pairs recomputed; -1 in a full run. */
  public long affectedDayCount() {
    return scope.full() ? -1 : window().pairs();
  }

  /**
   * Rows of {@code table} that can matter for the recomputed days: the affected users' rows whose
   * {@code timeColumn} lies within {@link #MARGIN_DAYS} of them. Everything in a full run.
   */
  public Dataset<Row> readForAffectedDays(Dataset<Row> rows, String timeColumn) {
    if (scope.full()) {
      return rows;
    }
    DayWindow w = window();
    if (w.isEmpty()) {
      return rows.limit(0);
    }
    Timestamp from =
        Timestamp.from(w.first().minusDays(MARGIN_DAYS).atStartOfDay(ZoneOffset.UTC).toInstant());
    Timestamp to =
        Timestamp.from(w.last().plusDays(MARGIN_DAYS + 1).atStartOfDay(ZoneOffset.UTC).toInstant());
    Dataset<Row> inTime =
        rows.where(col(timeColumn).geq(lit(from)).and(col(timeColumn).lt(lit(to))));
    return byAffectedUsers(inTime);
  }

  /**
   * Rows of a silver or gold table on the recomputed days, widened by {@code marginDays} on each
   * side (a session of day d needs the stage rows of day d-1); the whole table in a full run.
   */
  public Dataset<Row> readTableForAffectedDays(TableDefinition table, int marginDays) {
    Dataset<Row> rows = spark.table(tableName(table));
    if (scope.full()) {
      return rows;
    }
    DayWindow w = window();
    if (w.isEmpty()) {
      return rows.limit(0);
    }
    Dataset<Row> inDays =
        rows.where(
            col("local_date")
                .between(
                    lit(Date.valueOf(w.first().minusDays(marginDays))),
                    lit(Date.valueOf(w.last().plusDays(marginDays)))));
    return byAffectedUsers(inDays);
  }

  /** Keeps the rows on a recomputed (user_id, local_date); everything in a full run. */
  public Dataset<Row> onlyAffected(Dataset<Row> rows) {
    return onlyAffected(rows, "local_date");
  }

  /** Keeps the rows whose (user_id, {@code dateColumn}) is recomputed; everything in a full run. */
  public Dataset<Row> onlyAffected(Dataset<Row> rows, String dateColumn) {
    if (scope.full()) {
      return rows;
    }
    Dataset<Row> pairs =
        affectedDays().select(col("user_id").as("a_user"), col("local_date").as("a_date"));
    return rows.join(
        pairs,
        col("user_id").equalTo(col("a_user")).and(col(dateColumn).equalTo(col("a_date"))),
        "left_semi");
  }

  /**
   * Replaces the recomputed user-days of {@code table} with {@code rows} in one commit: in a full
   * run the whole table; otherwise every affected day is replaced in one commit by the other users'
   * rows, kept as they were, and the recomputed rows, so a day left without rows ends up empty.
   * Rows outside the recomputed days are ignored, so a stage may compute a little more than it
   * owns.
   *
   * @return rows written for the recomputed days (-1 when Spark did not report the count)
   */
  public long overwriteDays(TableDefinition table, Dataset<Row> rows) throws Exception {
    return overwriteDays(table, rows, "local_date");
  }

  /**
   * {@link #overwriteDays(TableDefinition, Dataset)} for a table whose day column is {@code
   * dateColumn} (e.g. {@code plan_date} of {@code gold.coaching_plans}), partitioned by that day.
   */
  public long overwriteDays(TableDefinition table, Dataset<Row> rows, String dateColumn)
      throws Exception {
    return overwriteDays(table, rows, dateColumn, false);
  }

  /**
   * {@link #overwriteDays(TableDefinition, Dataset)} for a large table whose rows come out of a
   * stage already grouped by user: each task writes its rows to the day partitions they fall in as
   * they come (one open file per day), instead of Iceberg shuffling every row by day first. More,
   * smaller files, which {@code maintenance} compacts; no second shuffle of the whole table.
   */
  public long overwriteDaysWithoutShuffle(TableDefinition table, Dataset<Row> rows)
      throws Exception {
    return overwriteDays(table, rows, "local_date", true);
  }

  private long overwriteDays(
      TableDefinition table, Dataset<Row> rows, String dateColumn, boolean asComputed)
      throws Exception {
    Dataset<Row> conformed = conform(table, onlyAffected(rows, dateColumn));
    RowCounter counter = new RowCounter();
    Dataset<Row> counted = counter.observe(conformed);
    String name = tableName(table);
    if (scope.full()) {
      writer(counted, name, asComputed).overwrite(lit(true));
      return counter.rows();
    }
    if (window().isEmpty()) {
      return 0;
    }
    Dataset<Row> pairs =
        affectedDays().select(col("user_id").as("a_user"), col("local_date").as("a_date"));
    Dataset<Row> dates = affectedDays().select(col("local_date").as("d_date")).distinct();
    Dataset<Row> others =
        conform(
            table,
            spark
                .table(name)
                .join(dates, col(dateColumn).equalTo(col("d_date")), "left_semi")
                .join(
                    pairs,
                    col("user_id")
                        .equalTo(col("a_user"))
                        .and(col(dateColumn).equalTo(col("a_date"))),
                    "left_anti"));
    Object[] affectedDates =
        dates.collectAsList().stream().map(r -> r.getDate(0)).sorted().toArray();
    // replace by filter, not overwritePartitions(): a dynamic overwrite only replaces the days
    // present in the written rows, so a day whose rows all moved away (a new time zone) kept them
    writer(others.unionByName(counted), name, asComputed)
        .overwrite(col(dateColumn).isin(affectedDates));
    return counter.rows();
  }

  /**
   * Replaces every row of {@code table} with {@code rows} in one commit, for a small aggregate a
   * stage recomputes whole on each run (it has no user-days to overwrite).
   *
   * @return rows written (-1 when Spark did not report the count)
   */
  public long replaceTable(TableDefinition table, Dataset<Row> rows) throws Exception {
    RowCounter counter = new RowCounter();
    counter.observe(conform(table, rows)).writeTo(tableName(table)).overwrite(lit(true));
    return counter.rows();
  }

  private static DataFrameWriterV2<Row> writer(Dataset<Row> rows, String name, boolean asComputed) {
    DataFrameWriterV2<Row> writer = rows.writeTo(name);
    if (asComputed) {
      writer =
          writer
              .option(SparkWriteOptions.DISTRIBUTION_MODE, "none")
              .option(SparkWriteOptions.FANOUT_ENABLED, "true");
    }
    return writer;
  }

  /**
   * {@code bronze.user_consents} at the snapshot that was current when a step of this run first
   * asked: every step of the run (training, readiness, plans, cohorts) applies the same decisions,
   * so one arriving mid-run cannot leave a day with readiness but without its plan.
   */
  public synchronized Dataset<Row> consentDecisions() {
    if (consentDecisions == null) {
      String name = tableName(LakehouseTables.USER_CONSENTS);
      Snapshot current;
      try {
        current = Spark3Util.loadIcebergTable(spark, name).currentSnapshot();
      } catch (Exception e) {
        throw new IllegalStateException("cannot read " + name + ": " + e.getMessage(), e);
      }
      consentDecisions =
          current == null
              ? empty(LakehouseTables.USER_CONSENTS)
              : spark
                  .read()
                  .format("iceberg")
                  .option("versionAsOf", current.snapshotId())
                  .load(name);
    }
    return consentDecisions;
  }

  /** Releases the cached datasets of this run. */
  public synchronized void close() {
    if (affectedDays != null) {
      affectedDays.unpersist();
    }
    if (timeZones != null) {
      timeZones.unpersist();
    }
  }

  /** Selects and casts {@code rows} to the columns of {@code table}, in table order. */
  static Dataset<Row> conform(TableDefinition table, Dataset<Row> rows) {
    List<Column> columns = new ArrayList<>();
    StructType given = rows.schema();
    for (StructField field : TableSchemas.sparkSchema(table).fields()) {
      Column value = col(field.name());
      if (field.dataType() instanceof ArrayType array
          && !array.containsNull()
          && !(given.apply(field.name()).dataType() instanceof ArrayType in
              && !in.containsNull())) {
        // Iceberg lists of required elements: the cast needs an array typed without nulls
        value = array_compact(value);
      }
      columns.add(value.cast(field.dataType()).as(field.name()));
    }
    return rows.select(columns.toArray(Column[]::new));
  }

  private Dataset<Row> byAffectedUsers(Dataset<Row> rows) {
    DayWindow w = window();
    if (w.users() != null) {
      return rows.where(col("user_id").isin(w.users().toArray()));
    }
    Dataset<Row> users = affectedDays().select(col("user_id").as("a_user")).distinct();
    return rows.join(users, col("user_id").equalTo(col("a_user")), "left_semi");
  }

  private synchronized DayWindow window() {
    if (window == null) {
      Dataset<Row> days = affectedDays();
      Row bounds =
          days.agg(
                  min("local_date"),
                  max("local_date"),
                  org.apache.spark.sql.functions.count(lit(1)))
              .first();
      long pairs = bounds.getLong(2);
      if (pairs == 0) {
        window = new DayWindow(null, null, List.of(), 0);
      } else {
        List<String> users = null;
        Dataset<Row> distinctUsers = days.select("user_id").distinct();
        List<Row> firstUsers = distinctUsers.limit(PUSHDOWN_MAX_USERS + 1).collectAsList();
        if (firstUsers.size() <= PUSHDOWN_MAX_USERS) {
          users = firstUsers.stream().map(r -> r.getString(0)).sorted().toList();
        }
        window =
            new DayWindow(
                bounds.getDate(0).toLocalDate(), bounds.getDate(1).toLocalDate(), users, pairs);
      }
    }
    return window;
  }

  /**
   * The days a bronze row of a metric can change: a row on local day d changes silver and gold rows
   * of days d - {@code before} to d + {@code after}, so a run that recomputes those days gives the
   * tables of a full run.
   */
  record DayReach(int before, int after) {

    /** A row that changes only the day it falls on. */
    static final DayReach OWN_DAY = new DayReach(0, 0);

    DayReach {
      if (before < 0 || after < 0) {
        throw new IllegalArgumentException(
            "a reach is 0 or more days each way, got before " + before + ", after " + after);
      }
    }

    /** The days both reaches cover. */
    DayReach union(DayReach other) {
      return new DayReach(Math.max(before, other.before), Math.max(after, other.after));
    }
  }

  /**
   * Sleep rows (stages and sessions) on their wake-up day d. A row joins or bridges the sessions of
   * its device that come within the merge gap ({@link SleepSessionBuilder#MERGE_GAP_SECONDS}) of
   * it: the merged session ends on d or d+1, and the sessions it absorbs, which must disappear from
   * their day, ended on d-1 at the earliest. That holds while sleep rows and sessions last less
   * than a day minus the merge gap; {@code gold.daily_metrics} follows the sessions' days.
   */
  static final DayReach SLEEP_REACH = new DayReach(1, 1);

  /** Readings on day r are read by the workouts of the days whose window covers r. */
  static final DayReach WORKOUT_READING_REACH =
      new DayReach(WorkoutBuilder.LAST_READING_DAY, -WorkoutBuilder.FIRST_READING_DAY);

  /** Heart rate on day d also counts towards the night ending on d+1 (resting heart rate). */
  static final DayReach NIGHT_HEART_RATE_REACH = new DayReach(0, 1);

  /**
   * A workout on day w leaves out of the night heart rate the readings it holds, which lie on w +
   * {@link WorkoutBuilder#FIRST_READING_DAY} to w + {@link WorkoutBuilder#LAST_READING_DAY}, and
   * each of those counts for its own day and, like all heart rate, the night ending the next day.
   */
  static final DayReach WORKOUT_NIGHT_REACH =
      new DayReach(
          -WorkoutBuilder.FIRST_READING_DAY,
          WorkoutBuilder.LAST_READING_DAY + NIGHT_HEART_RATE_REACH.after());

  /** The days a bronze row of {@code metric} can change; its own day for most metrics. */
  static DayReach reach(String metric) {
    DayReach reach = DayReach.OWN_DAY;
    if (Metric.WORKOUT.code().equals(metric)) {
      reach = reach.union(WORKOUT_NIGHT_REACH);
    }
    if (SampleNormalizer.SLEEP_METRICS.contains(metric)) {
      reach = reach.union(SLEEP_REACH);
    }
    if (WorkoutBuilder.READING_METRICS.contains(metric)) {
      reach = reach.union(WORKOUT_READING_REACH);
    }
    if (Metric.HEART_RATE.code().equals(metric)) {
      reach = reach.union(NIGHT_HEART_RATE_REACH);
    }
    return reach;
  }

  /** The (user_id, local_date) pairs bronze samples and journal entries can change. */
  Dataset<Row> touchedDays(Dataset<Row> samples, Dataset<Row> entries) {
    return touchedDays(samples, entries, timeZones());
  }

  /**
   * The days of each row's {@link #reach} around the local day it falls on, for rows of {@code
   * bronze.wearable_samples} and {@code bronze.journal_entries} (a journal entry changes its own
   * day only), with the users' latest time zones.
   */
  static Dataset<Row> touchedDays(
      Dataset<Row> samples, Dataset<Row> entries, Dataset<Row> timeZones) {
    Column before = lit(0);
    Column after = lit(0);
    for (Metric metric : Metric.values()) {
      DayReach reach = reach(metric.code());
      if (!reach.equals(DayReach.OWN_DAY)) {
        Column isMetric = col("metric").equalTo(metric.code());
        before = when(isMetric, lit(reach.before())).otherwise(before);
        after = when(isMetric, lit(reach.after())).otherwise(after);
      }
    }
    Dataset<Row> sampleDays =
        SampleNormalizer.assignLocalDay(
                samples.select(
                    "user_id", "metric", "start_time", "end_time", "zone_offset_seconds"),
                timeZones)
            .select(
                col("user_id"),
                explode(
                        sequence(
                            date_sub(col("local_date"), before),
                            date_add(col("local_date"), after)))
                    .as("local_date"));
    Dataset<Row> entryDays =
        JournalTyper.prepare(entries, timeZones).select(col("user_id"), col("local_date"));
    return sampleDays.unionByName(entryDays).distinct();
  }

  private Dataset<Row> empty(TableDefinition table) {
    return spark.createDataFrame(List.of(), TableSchemas.sparkSchema(table));
  }
}
