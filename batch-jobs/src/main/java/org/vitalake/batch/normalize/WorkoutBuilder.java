package org.vitalake.batch.normalize;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.vitalake.core.metric.Metric;

/**
 * Silver workout samples to {@code silver.workouts}: one row per workout, on the local day it
 * starts, with the heart rate, active energy and distance recorded during it.
 *
 * <p>The workout rows of {@code silver.samples} are already resolved by {@link
 * SourcePriority.Resolution#DEDUPE_SAME_START}: workouts starting at the same second are one
 * workout, kept from the preferred device. The duration is the sample's value (time exercising,
 * pauses excluded); the importers do not carry the kind of activity, so {@code activity_type} is
 * empty.
 */
public final class WorkoutBuilder {

  /** The columns of {@code silver.workouts}, in table order. */
  public static final List<String> COLUMNS =
      List.of(
          "user_id",
          "local_date",
          "start_time",
          "end_time",
          "activity_type",
          "duration_minutes",
          "energy_kcal",
          "distance_m",
          "avg_heart_rate",
          "max_heart_rate",
          "source",
          "device");

  /** The metrics whose rows during a workout it reports: heart rate, active energy, distance. */
  public static final List<String> READING_METRICS =
      List.of(Metric.HEART_RATE.code(), Metric.ACTIVE_ENERGY.code(), Metric.DISTANCE.code());

  /**
   * A workout on local day w reads the readings of days w + {@code FIRST_READING_DAY} to w + {@link
   * #LAST_READING_DAY}: a reading during it lies on its day or, past midnight or in another offset,
   * next to it. The pipeline recomputes the same days when a reading arrives late.
   */
  public static final int FIRST_READING_DAY = -1;

  /** See {@link #FIRST_READING_DAY}. */
  public static final int LAST_READING_DAY = 2;

  private WorkoutBuilder() {}

  /**
   * Builds workouts from rows with the columns of {@code silver.samples}: the workout rows, and the
   * heart rate, active energy and distance rows of the same days (rows of other metrics are
   * ignored).
   */
  public static Dataset<Row> build(Dataset<Row> samples) {
    Dataset<Row> workouts =
        samples
            .where(col("metric").equalTo(Metric.WORKOUT.code()))
            .select(
                col("user_id"),
                col("local_date"),
                col("start_time"),
                col("end_time"),
                col("value").as("duration_minutes"),
                col("source"),
                col("device"),
                col("sample_key").as("workout_key"));
    // the join on (user, day) keeps the workouts on the small, broadcast side
    Dataset<Row> windows =
        workouts.select(
            col("user_id").as("w_user"),
            col("workout_key").as("w_key"),
            col("start_time").as("w_start"),
            col("end_time").as("w_end"),
            explode(readingDays(col("local_date"))).as("w_date"));
    Column during =
        col("user_id")
            .equalTo(col("w_user"))
            .and(col("local_date").equalTo(col("w_date")))
            .and(col("start_time").geq(col("w_start")))
            .and(col("start_time").lt(col("w_end")));
    Dataset<Row> recorded =
        samples
            .where(col("metric").isin(READING_METRICS.toArray()))
            .join(broadcast(windows), during)
            .groupBy(col("w_user"), col("w_key"))
            .agg(
                sum(when(metricIs(Metric.ACTIVE_ENERGY), col("value"))).as("energy_kcal"),
                sum(when(metricIs(Metric.DISTANCE), col("value"))).as("distance_m"),
                avg(when(metricIs(Metric.HEART_RATE), col("value"))).as("avg_heart_rate"),
                max(when(metricIs(Metric.HEART_RATE), col("value"))).as("max_heart_rate"));
    return workouts
        .join(
            recorded,
            col("user_id").equalTo(col("w_user")).and(col("workout_key").equalTo(col("w_key"))),
            "left")
        .withColumn("activity_type", lit(null).cast("string"))
        .select(COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /**
   * The local days a reading during a workout on {@code workoutDay} may lie on, {@link
   * #FIRST_READING_DAY} to {@link #LAST_READING_DAY} around it, as an array: whoever looks for the
   * readings of a workout looks on these days, so every reader finds the same ones.
   */
  public static Column readingDays(Column workoutDay) {
    Column[] days = new Column[LAST_READING_DAY - FIRST_READING_DAY + 1];
    for (int i = 0; i < days.length; i++) {
      days[i] = date_add(workoutDay, FIRST_READING_DAY + i);
    }
    return array(days);
  }

  private static Column metricIs(Metric metric) {
    return col("metric").equalTo(metric.code());
  }
}
