package org.vitalake.batch.normalize;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Map;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Statistics;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.util.LongAccumulator;
import org.vitalake.core.metric.Metric;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Bronze wearable samples to {@code silver.samples}: checks metric, range and unit, removes
 * re-delivered rows by {@code sample_key}, assigns each sample to the wearer's local day and
 * resolves overlapping sources with {@link SourcePriority}.
 *
 * <p>A pure function of its inputs: the same bronze rows and time zones always give the same silver
 * rows, which is what makes a rerun of the nightly pipeline reproduce its tables.
 */
public final class SampleNormalizer {

  /** Quality flag: the unit as sent is not one the metric accepts. */
  public static final String UNIT_UNKNOWN = "unit_unknown";

  /** Quality flag: the value as sent does not convert to the stored canonical value. */
  public static final String UNIT_MISMATCH = "unit_mismatch";

  /** Quality flag: the same sample was delivered more than once; one copy is kept. */
  public static final String REDELIVERED = "redelivered";

  /** Metrics whose rows belong to the day they end: the day the wearer woke up. */
  public static final List<String> SLEEP_METRICS =
      List.of(Metric.SLEEP_STAGE.code(), Metric.SLEEP_SESSION.code());

  /** Samples at most this long are minute-series rows. */
  static final long MINUTE_SERIES_MAX_SECONDS = 600;

  /** Samples at most this long (and longer than a minute row) are hourly-series rows. */
  static final long HOUR_SERIES_MAX_SECONDS = 3600;

  static final int MINUTE = 1;
  static final int HOUR = 2;
  static final int DAY = 3;

  /** The columns of {@code silver.samples}, in table order. */
  public static final List<String> COLUMNS =
      List.of(
          "user_id",
          "metric",
          "value",
          "start_time",
          "end_time",
          "local_date",
          "zone_offset_seconds",
          "source",
          "device",
          "device_type",
          "sample_key",
          "quality_flags");

  /**
   * Bronze rows per partition of the normalize pass: each partition sorts in memory (a few hundred
   * bytes a row) and writes one file per local day it holds, so fewer, larger partitions mean fewer
   * files.
   */
  static final long ROWS_PER_PARTITION = 2_000_000L;

  /** Estimated input bytes per partition, when the source does not report its row count. */
  static final long BYTES_PER_PARTITION = 128L << 20;

  private SampleNormalizer() {}

  /**
   * Normalizes bronze samples.
   *
   * @see #normalize(Dataset, Dataset, LongAccumulator)
   */
  public static Dataset<Row> normalize(Dataset<Row> bronze, Dataset<Row> timeZones) {
    return normalize(bronze, timeZones, null);
  }

  /**
   * Normalizes bronze samples.
   *
   * <p>One shuffle: the rows are distributed by user and sorted within each partition so that
   * copies of a sample and every group source priority resolves are neighbours; {@link
   * SampleResolver} then resolves them in one streaming pass over Spark's internal rows. The
   * shuffle carries only what the pass and {@code silver.samples} need: {@code received_at} (as
   * micros) is kept only to choose among copies and among updates of one interval's total, and
   * copies received at the same instant are ordered by their own values, so ids never travel.
   *
   * @param bronze rows of {@code bronze.wearable_samples}
   * @param timeZones one row per user: {@code user_id}, {@code time_zone} (see {@link
   *     #latestTimeZones})
   * @param rowsRead when not null, counts the bronze rows the pass reads
   * @return rows with the columns of {@code silver.samples}
   */
  public static Dataset<Row> normalize(
      Dataset<Row> bronze, Dataset<Row> timeZones, LongAccumulator rowsRead) {
    Dataset<Row> zones =
        broadcast(timeZones.select(col("user_id").as("z_user"), col("time_zone").as("z_zone")));
    // the resolver's columns first, in its order, then what only the sort needs
    Map<String, Column> derived =
        Map.of(
            "start_us", unix_micros(col("start_time")),
            "end_us", unix_micros(col("end_time")),
            "time_zone", col("z_zone"),
            "received_us", unix_micros(col("received_at")));
    Column[] columns =
        SampleResolver.INPUT.stream()
            .map(c -> derived.getOrDefault(c, col(c)).as(c))
            .toArray(Column[]::new);
    Dataset<Row> input =
        bronze.join(zones, col("user_id").equalTo(zones.col("z_user")), "left").select(columns);
    Dataset<Row> clustered =
        input
            .repartition(partitions(bronze), col("user_id"))
            .sortWithinPartitions(
                col("user_id"),
                col("metric"),
                col("start_us"),
                col("sample_key"),
                col("received_us"),
                // copies received at the same instant: the order of what the output takes from them
                col("value"),
                col("end_us"),
                col("zone_offset_seconds"),
                col("source"),
                col("device"),
                col("device_type"),
                col("unit"),
                col("value_as_sent"));
    RDD<InternalRow> resolved =
        new PlannedRdd(clustered).toJavaRDD().mapPartitions(new SampleResolver(rowsRead)).rdd();
    return ((SparkSession) bronze.sparkSession())
        .internalCreateDataFrame(resolved, SampleResolver.OUTPUT, false);
  }

  /**
   * Partitions for the normalize pass: about {@link #ROWS_PER_PARTITION} rows each, at least the
   * session's shuffle partitions.
   */
  static int partitions(Dataset<Row> bronze) {
    int configured = bronze.sparkSession().sessionState().conf().numShufflePartitions();
    LogicalPlan plan = bronze.queryExecution().optimizedPlan();
    long rows = 0;
    boolean counted = true;
    for (LogicalPlan leaf : CollectionConverters.asJava(plan.collectLeaves())) {
      Statistics stats = leaf.stats();
      if (stats.rowCount().isDefined()) {
        rows += stats.rowCount().get().toLong();
      } else {
        counted = false;
      }
    }
    long needed =
        counted
            ? rows / ROWS_PER_PARTITION + 1
            : plan.stats().sizeInBytes().toLong() / BYTES_PER_PARTITION + 1;
    return (int) Math.max(configured, Math.min(4_000, needed));
  }

  /**
   * The latest time zone of every user: the {@code time_zone} of the profile snapshot with the
   * greatest {@code updated_at}. Of snapshots taken at the same instant, one that names a zone wins
   * over one without (a known zone places samples better than the UTC fallback), then the first
   * zone by name, so the choice does not depend on the order the rows are read in.
   */
  public static Dataset<Row> latestTimeZones(Dataset<Row> profiles) {
    WindowSpec latest =
        Window.partitionBy(col("user_id"))
            .orderBy(col("updated_at").desc(), col("time_zone").asc_nulls_last());
    return profiles
        .withColumn("rn", row_number().over(latest))
        .where(col("rn").equalTo(1))
        .select(col("user_id"), col("time_zone"));
  }

  /**
   * Adds {@code local_date} and the offset used for it: sleep rows belong to the day they end (you
   * wake up), every other row to the day it starts. The same placement {@link SampleResolver}
   * computes per row, as column expressions: the pipeline uses it to find the days new rows touch.
   */
  public static Dataset<Row> assignLocalDay(Dataset<Row> samples, Dataset<Row> timeZones) {
    Dataset<Row> zones = timeZones.select(col("user_id").as("z_user"), col("time_zone"));
    Column sleep = col("metric").isin(SLEEP_METRICS.toArray());
    Column anchor =
        when(sleep, coalesce(col("end_time"), col("start_time"))).otherwise(col("start_time"));
    Column offset =
        LocalDay.effectiveOffsetSeconds(
            col("anchor"), col("zone_offset_seconds"), col("time_zone"));
    return samples
        .join(zones, col("user_id").equalTo(zones.col("z_user")), "left")
        .withColumn("anchor", anchor)
        .withColumn("zone_flag", LocalDay.zoneFlag(col("zone_offset_seconds"), col("time_zone")))
        .withColumn("zone_offset_seconds", offset)
        .withColumn("local_date", LocalDay.localDate(col("anchor"), col("zone_offset_seconds")))
        .drop("z_user", "time_zone", "anchor");
  }
}
