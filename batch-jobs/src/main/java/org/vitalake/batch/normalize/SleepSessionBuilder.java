package org.vitalake.batch.normalize;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.try_divide;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.metric.SleepStage;

/**
 * Silver sleep rows (stages and sessions) to {@code silver.sleep_sessions}: one row per merged
 * session, on the local day the wearer woke up.
 *
 * <p>Per source and device, intervals that overlap, nest, repeat or follow each other within {@link
 * #MERGE_GAP_SECONDS} form one session. Stage minutes are the length of the union of that stage's
 * intervals, so a repeated or nested stage counts once. Minutes asleep are the sessions' own values
 * (the vendor's figure), each weighted by the part of it not already covered by an earlier one;
 * only a night with stages and no session value counts the union of its asleep stages. Of several
 * devices that recorded the same night, one is kept: staged data first, then the {@link
 * SourcePriority#SLEEP_PREFERENCE} device order, then the longest time in bed.
 */
public final class SleepSessionBuilder {

  /** Intervals of one device closer than this belong to one session (15 minutes). */
  public static final long MERGE_GAP_SECONDS = 15 * 60;

  /** The columns of {@code silver.sleep_sessions}, in table order. */
  public static final List<String> COLUMNS =
      List.of(
          "user_id",
          "local_date",
          "start_time",
          "end_time",
          "minutes_in_bed",
          "minutes_asleep",
          "minutes_awake",
          "minutes_light",
          "minutes_deep",
          "minutes_rem",
          "efficiency",
          "source");

  private SleepSessionBuilder() {}

  /**
   * Builds sessions from rows with the columns of {@code silver.samples}; rows of other metrics are
   * ignored.
   */
  public static Dataset<Row> build(Dataset<Row> samples) {
    String stageMetric = Metric.SLEEP_STAGE.code();
    Column isStage = col("metric").equalTo(stageMetric);
    Column stageCode = when(isStage, col("value").cast("int"));
    Column asleepStage =
        isStage.and(
            stageCode.isin(
                SleepStage.LIGHT.code(),
                SleepStage.DEEP.code(),
                SleepStage.REM.code(),
                SleepStage.ASLEEP.code()));
    Dataset<Row> rows =
        samples
            .where(col("metric").isin(stageMetric, Metric.SLEEP_SESSION.code()))
            .where(col("end_time").isNotNull().and(col("end_time").gt(col("start_time"))))
            .withColumn("device_key", coalesce(col("device"), lit("")))
            .withColumn("s", unix_seconds(col("start_time")))
            .withColumn("e", unix_seconds(col("end_time")))
            .withColumn("stage", stageCode)
            .withColumn("asleep_stage", asleepStage);

    Column[] series = {col("user_id"), col("source"), col("device_key")};
    WindowSpec inSeries =
        Window.partitionBy(series).orderBy(col("s"), col("e"), col("metric"), col("value"));
    Column previousEnd = max(col("e")).over(inSeries.rowsBetween(Window.unboundedPreceding(), -1));
    Dataset<Row> numbered =
        rows.withColumn(
                "new_session",
                when(
                        previousEnd.isNull().or(col("s").gt(previousEnd.plus(MERGE_GAP_SECONDS))),
                        lit(1))
                    .otherwise(lit(0)))
            .withColumn(
                "session_no",
                sum(col("new_session"))
                    .over(inSeries.rowsBetween(Window.unboundedPreceding(), Window.currentRow())));

    // length of each row not covered by an earlier row of the same kind in the same session
    Dataset<Row> clipped =
        numbered
            .withColumn("by_stage", uncovered(col("stage")))
            .withColumn("by_asleep", uncovered(when(col("asleep_stage"), lit(1))))
            .withColumn("by_metric", uncovered(col("metric")));

    Column stageSeconds = col("by_stage");
    Dataset<Row> sessions =
        clipped
            .groupBy(col("user_id"), col("source"), col("device_key"), col("session_no"))
            .agg(
                min(col("s")).as("s"),
                max(col("e")).as("e"),
                max_by(col("zone_offset_seconds"), col("e")).as("end_offset"),
                first(col("device_type"), true).as("device_type"),
                max(when(isStage, lit(1)).otherwise(lit(0))).as("has_stages"),
                sum(when(col("asleep_stage"), col("by_asleep"))).as("asleep_stage_s"),
                sum(when(col("stage").equalTo(SleepStage.AWAKE.code()), stageSeconds))
                    .as("awake_s"),
                sum(when(col("stage").equalTo(SleepStage.LIGHT.code()), stageSeconds))
                    .as("light_s"),
                sum(when(col("stage").equalTo(SleepStage.DEEP.code()), stageSeconds)).as("deep_s"),
                sum(when(col("stage").equalTo(SleepStage.REM.code()), stageSeconds)).as("rem_s"),
                sum(when(
                        col("metric").equalTo(Metric.SLEEP_SESSION.code()),
                        try_divide(
                            col("value").multiply(col("by_metric")), col("e").minus(col("s")))))
                    .as("session_asleep_min"));

    Column inBed = col("e").minus(col("s")).divide(60.0);
    // the vendor's own minutes asleep leave out the short wakes its stage intervals still span
    // (Fitbit's levels.shortData), so a session value wins over the union of asleep stages
    Column asleep =
        when(col("session_asleep_min").isNotNull(), least(col("session_asleep_min"), inBed))
            .when(
                col("has_stages").equalTo(1),
                least(coalesce(col("asleep_stage_s"), lit(0L)).divide(60.0), inBed))
            .otherwise(inBed);
    Dataset<Row> measured =
        sessions
            .withColumn("minutes_in_bed", inBed)
            .withColumn("minutes_asleep", asleep)
            .withColumn(
                "minutes_awake",
                when(col("has_stages").equalTo(1), coalesce(col("awake_s"), lit(0L)).divide(60.0))
                    .otherwise(col("minutes_in_bed").minus(col("minutes_asleep"))))
            .withColumn("minutes_light", stageMinutes("light_s"))
            .withColumn("minutes_deep", stageMinutes("deep_s"))
            .withColumn("minutes_rem", stageMinutes("rem_s"))
            .withColumn("efficiency", try_divide(col("minutes_asleep"), col("minutes_in_bed")))
            .withColumn("start_time", timestamp_seconds(col("s")))
            .withColumn("end_time", timestamp_seconds(col("e")))
            .withColumn("local_date", LocalDay.localDate(col("end_time"), col("end_offset")));

    return chooseDevice(measured).select(COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /** Keeps, per user and wake-up day, the sessions of one source and device. */
  static Dataset<Row> chooseDevice(Dataset<Row> sessions) {
    WindowSpec seriesDay =
        Window.partitionBy(col("user_id"), col("local_date"), col("source"), col("device_key"));
    WindowSpec day =
        Window.partitionBy(col("user_id"), col("local_date"))
            .orderBy(
                col("day_has_stages").desc(),
                col("device_rank"),
                col("day_in_bed").desc(),
                col("source"),
                col("device_key"))
            .rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
    Column series = concat_ws("\u0001", col("source"), col("device_key"));
    return sessions
        .withColumn(
            "device_rank",
            SourcePriority.rankIn(
                SourcePriority.SLEEP_PREFERENCE,
                org.apache.spark.sql.functions.lower(col("device_type"))))
        .withColumn("day_has_stages", max(col("has_stages")).over(seriesDay))
        .withColumn("day_in_bed", sum(col("minutes_in_bed")).over(seriesDay))
        .withColumn("series", series)
        .withColumn("winner", first(col("series")).over(day))
        .where(col("series").equalTo(col("winner")));
  }

  /**
   * Seconds of the row not covered by earlier rows with the same {@code kind} in its session (0 for
   * a row without a kind), the classic running-maximum union length.
   */
  private static Column uncovered(Column kind) {
    WindowSpec sameKind =
        Window.partitionBy(
                col("user_id"), col("source"), col("device_key"), col("session_no"), kind)
            .orderBy(col("s"), col("e"), col("value"))
            .rowsBetween(Window.unboundedPreceding(), -1);
    Column covered = max(col("e")).over(sameKind);
    Column length =
        greatest(lit(0L), col("e").minus(greatest(col("s"), coalesce(covered, col("s")))));
    return when(kind.isNull(), lit(0L)).otherwise(length);
  }

  private static Column stageMinutes(String secondsColumn) {
    return when(col("has_stages").equalTo(1), coalesce(col(secondsColumn), lit(0L)).divide(60.0));
  }
}
