package org.vitalake.batch.normalize;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.metric.Unit;

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

  private SampleNormalizer() {}

  /**
   * Normalizes bronze samples.
   *
   * @param bronze rows of {@code bronze.wearable_samples}
   * @param timeZones one row per user: {@code user_id}, {@code time_zone} (see {@link
   *     #latestTimeZones})
   * @return rows with the columns of {@code silver.samples}
   */
  public static Dataset<Row> normalize(Dataset<Row> bronze, Dataset<Row> timeZones) {
    Dataset<Row> valid = checkUnits(dropInvalid(bronze));
    Dataset<Row> unique = removeRedelivered(valid);
    Dataset<Row> placed =
        assignLocalDay(unique, timeZones)
            .withColumn(
                "quality_flags",
                array_compact(array(col("zone_flag"), col("unit_flag"), col("dup_flag"))))
            .drop("zone_flag", "unit_flag", "dup_flag");
    Dataset<Row> resolved = resolveSources(placed);
    return resolved.select(COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /**
   * The latest time zone of every user: the {@code time_zone} of the profile snapshot with the
   * greatest {@code updated_at}.
   */
  public static Dataset<Row> latestTimeZones(Dataset<Row> profiles) {
    WindowSpec latest =
        Window.partitionBy(col("user_id")).orderBy(col("updated_at").desc(), col("time_zone"));
    return profiles
        .withColumn("rn", row_number().over(latest))
        .where(col("rn").equalTo(1))
        .select(col("user_id"), col("time_zone"));
  }

  /** Drops rows whose metric no rule covers or whose value is outside the metric's range. */
  static Dataset<Row> dropInvalid(Dataset<Row> bronze) {
    Dataset<Row> metrics = broadcast(metricTable(bronze.sparkSession()));
    return bronze
        .join(metrics, bronze.col("metric").equalTo(metrics.col("m_code")), "inner")
        .where(col("value").between(col("m_min"), col("m_max")))
        .drop("m_code", "m_min", "m_max");
  }

  /**
   * Flags rows whose unit as sent is not one the metric accepts, or whose value as sent does not
   * convert to the stored (canonical) value.
   */
  static Dataset<Row> checkUnits(Dataset<Row> samples) {
    Dataset<Row> units = broadcast(unitTable(samples.sparkSession()));
    Column spelling = lower(regexp_replace(trim(col("unit")), "\\s*/\\s*", "/"));
    Dataset<Row> joined =
        samples
            .withColumn("u_spelling", spelling)
            .join(
                units,
                col("metric")
                    .equalTo(units.col("u_metric"))
                    .and(col("u_spelling").equalTo(units.col("u_key"))),
                "left");
    Column expected = col("value_as_sent").multiply(col("u_factor")).plus(col("u_offset"));
    Column tolerance = greatest(lit(1e-6), abs(col("value")).multiply(1e-6));
    Column flag =
        when(col("unit").isNull(), lit(null).cast("string"))
            .when(col("u_metric").isNull(), lit(UNIT_UNKNOWN))
            .when(
                col("value_as_sent")
                    .isNotNull()
                    .and(abs(col("value").minus(expected)).gt(tolerance)),
                lit(UNIT_MISMATCH))
            .otherwise(lit(null).cast("string"));
    return joined
        .withColumn("unit_flag", flag)
        .drop("u_spelling", "u_metric", "u_key", "u_factor", "u_offset");
  }

  /**
   * Keeps one row per {@code sample_key}: the first received (then the lowest ingest id), so a
   * payload delivered twice counts once.
   */
  static Dataset<Row> removeRedelivered(Dataset<Row> samples) {
    WindowSpec byKey =
        Window.partitionBy(col("user_id"), col("sample_key"))
            .orderBy(col("received_at"), col("ingest_id"), col("raw_ref"));
    WindowSpec allOfKey = Window.partitionBy(col("user_id"), col("sample_key"));
    return samples
        .withColumn("copy", row_number().over(byKey))
        .withColumn("copies", count(lit(1)).over(allOfKey))
        .where(col("copy").equalTo(1))
        .withColumn("dup_flag", when(col("copies").gt(1), lit(REDELIVERED)).otherwise(lit(null)))
        .drop("copy", "copies");
  }

  /**
   * Adds {@code local_date} and the offset used for it: sleep rows belong to the day they end (you
   * wake up), every other row to the day it starts. Used by the normalizer and by the pipeline to
   * find the days new rows touch, so both always agree.
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

  /** Applies each metric's {@link SourcePriority} rule. */
  static Dataset<Row> resolveSources(Dataset<Row> samples) {
    Dataset<Row> policy = broadcast(SourcePriority.createTable(samples.sparkSession()));
    Column interval =
        col("resolution").equalTo(SourcePriority.Resolution.BEST_COVERAGE_PER_HOUR.name());
    Column keepAll =
        col("resolution").equalTo(SourcePriority.Resolution.ONE_DEVICE_PER_NIGHT.name());
    Column seconds =
        coalesce(unix_seconds(col("end_time")).minus(unix_seconds(col("start_time"))), lit(0L));
    Column granularity =
        when(col("seconds").leq(MINUTE_SERIES_MAX_SECONDS), lit(MINUTE))
            .when(col("seconds").leq(HOUR_SERIES_MAX_SECONDS), lit(HOUR))
            .otherwise(lit(DAY));
    // an interval row competes within its hour (daily rows within their day); an instantaneous
    // reading only with readings at the same instant
    Column slot =
        when(interval.and(col("granularity").equalTo(DAY)), lit(-1L))
            .when(interval, floor(unix_seconds(col("start_time")).divide(3600)))
            .otherwise(unix_seconds(col("start_time")));

    Column[] day = {col("user_id"), col("metric"), col("local_date")};
    WindowSpec perDay = Window.partitionBy(day);
    WindowSpec perSeriesSlot =
        Window.partitionBy(
            col("user_id"),
            col("metric"),
            col("local_date"),
            col("slot"),
            col("source"),
            col("device_key"));
    Dataset<Row> finest =
        samples
            .join(policy, col("metric").equalTo(policy.col("p_metric")), "inner")
            .withColumn("device_key", coalesce(col("device"), lit("")))
            .withColumn(
                "device_rank", SourcePriority.deviceRank(col("preference"), col("device_type")))
            .withColumn("seconds", seconds)
            .withColumn("granularity", granularity)
            .withColumn("slot", slot)
            .withColumn("finest_in_series", min(col("granularity")).over(perSeriesSlot))
            .withColumn("finest_of_day", min(col("granularity")).over(perDay))
            .where(
                col("resolution")
                    .notEqual(SourcePriority.Resolution.BEST_COVERAGE_PER_HOUR.name())
                    .or(
                        col("granularity")
                            .equalTo(col("finest_in_series"))
                            .and(
                                col("granularity").lt(DAY).or(col("finest_of_day").equalTo(DAY)))));

    WindowSpec perSlot =
        Window.partitionBy(col("user_id"), col("metric"), col("local_date"), col("slot"))
            .orderBy(
                col("coverage").desc(),
                col("device_rank"),
                col("source"),
                col("device_key"),
                col("value"),
                col("end_time"),
                col("sample_key"));
    WindowSpec perSlotAll =
        perSlot.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
    Column series = concat_ws("\u0001", col("source"), col("device_key"));
    return finest
        .withColumn(
            "coverage",
            when(interval, sum(least(col("seconds"), lit(3600L))).over(perSeriesSlot))
                .otherwise(lit(0L)))
        .withColumn("series", series)
        .withColumn("winner", first(col("series")).over(perSlotAll))
        .withColumn("rank_in_slot", row_number().over(perSlot))
        .where(
            keepAll
                .or(interval.and(col("series").equalTo(col("winner"))))
                .or(col("rank_in_slot").equalTo(1)));
  }

  /** Metric code and physiological range of every metric core knows. */
  static Dataset<Row> metricTable(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (Metric metric : Metric.values()) {
      rows.add(RowFactory.create(metric.code(), metric.range().min(), metric.range().max()));
    }
    StructType schema =
        new StructType()
            .add("m_code", DataTypes.StringType, false)
            .add("m_min", DataTypes.DoubleType, false)
            .add("m_max", DataTypes.DoubleType, false);
    return spark.createDataFrame(rows, schema);
  }

  /**
   * Every (metric, unit spelling) core accepts, with the linear conversion {@code canonical =
   * factor * sent + offset}; spellings are matched in lower case.
   */
  static Dataset<Row> unitTable(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (Metric metric : Metric.values()) {
      Set<String> seen = new HashSet<>();
      for (Unit unit : metric.acceptedUnits()) {
        double offset = metric.toCanonical(0, unit);
        double factor = metric.toCanonical(1, unit) - offset;
        for (String spelling : unit.spellings()) {
          String key = spelling.trim().replaceAll("\\s*/\\s*", "/").toLowerCase(Locale.ROOT);
          if (seen.add(key)) {
            rows.add(RowFactory.create(metric.code(), key, factor, offset));
          }
        }
      }
    }
    StructType schema =
        new StructType()
            .add("u_metric", DataTypes.StringType, false)
            .add("u_key", DataTypes.StringType, false)
            .add("u_factor", DataTypes.DoubleType, false)
            .add("u_offset", DataTypes.DoubleType, false);
    return spark.createDataFrame(rows, schema);
  }
}
