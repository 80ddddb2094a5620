package org.vitalake.batch.coaching;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.vitalake.batch.pipeline.PipelineContext;
import org.vitalake.batch.pipeline.RowCounter;
import org.vitalake.core.consent.Purpose;
import org.vitalake.core.readiness.ReadinessCalculator;
import org.vitalake.lakehouse.LakehouseTables;

/**
 * Gathers what the coaching rules need into one row per user: the days to score, the daily metrics
 * of the {@link #HISTORY_DAYS} before each of them, every earlier self-reported readiness and the
 * latest profile. The rows are grouped by user in Spark, so no step collects users on the driver.
 */
public final class CoachingInputs {

  /**
   * Days of history before a scored day: readiness baselines (60 days) plus the chronic training
   * load window (28), the same window the serving API's morning refresh reads, so both compute the
   * same readiness from the same data.
   */
  public static final int HISTORY_DAYS =
      ReadinessCalculator.BASELINE_DAYS + ReadinessCalculator.CHRONIC_DAYS;

  /** The {@code gold.daily_metrics} columns a history entry carries, besides the user. */
  static final List<String> HISTORY_COLUMNS =
      List.of(
          "local_date",
          "steps",
          "active_minutes",
          "energy_out_kcal",
          "resting_hr",
          "hrv_rmssd_ms",
          "sleep_minutes",
          "sleep_efficiency",
          "deep_sleep_minutes",
          "rem_sleep_minutes",
          "energy_in_kcal",
          "protein_g",
          "mood",
          "coverage",
          "sources");

  static final List<String> PROFILE_COLUMNS =
      List.of("updated_at", "birth_year", "sex", "height_cm", "weight_kg", "time_zone", "goals");

  private CoachingInputs() {}

  /**
   * One row per user with a day to score: {@code user_id}, {@code days} (dates), {@code history}
   * (daily metrics structs), {@code reports} (structs of {@code local_date}, {@code readiness}) and
   * {@code profile} (null when the user has none).
   *
   * @param days (user_id, local_date) pairs to score
   * @param dailyMetrics rows of {@code gold.daily_metrics}; at least the users' history windows
   * @param wellness rows of {@code silver.wellness}
   * @param profiles rows of {@code bronze.user_profiles}; the greatest {@code updated_at} wins
   */
  public static Dataset<Row> perUser(
      Dataset<Row> days, Dataset<Row> dailyMetrics, Dataset<Row> wellness, Dataset<Row> profiles) {
    Dataset<Row> targets =
        days.groupBy(col("user_id"))
            .agg(
                collect_set(col("local_date")).as("days"),
                min(col("local_date")).as("first_day"),
                max(col("local_date")).as("last_day"));
    Dataset<Row> windows =
        targets.select(
            col("user_id").as("w_user"),
            col("first_day").as("w_first"),
            col("last_day").as("w_last"));
    Dataset<Row> history =
        dailyMetrics
            .join(
                windows,
                col("user_id")
                    .equalTo(col("w_user"))
                    .and(col("local_date").geq(date_sub(col("w_first"), HISTORY_DAYS)))
                    .and(col("local_date").leq(col("w_last"))))
            .groupBy(col("user_id").as("h_user"))
            .agg(collect_list(struct(columns(HISTORY_COLUMNS))).as("history"));
    Dataset<Row> reports =
        wellness
            .where(col("readiness").between(0, 10).and(col("local_date").isNotNull()))
            .join(
                windows,
                col("user_id").equalTo(col("w_user")).and(col("local_date").leq(col("w_last"))))
            .groupBy(col("user_id").as("r_user"))
            .agg(
                collect_list(struct(col("local_date"), col("readiness").cast("double")))
                    .as("reports"));
    // the latest snapshot of each user's profile: a struct's maximum compares updated_at first
    Dataset<Row> latestProfiles =
        profiles
            .groupBy(col("user_id").as("p_user"))
            .agg(max(struct(columns(PROFILE_COLUMNS))).as("profile"));
    return targets
        .join(history, col("user_id").equalTo(col("h_user")), "left")
        .join(reports, col("user_id").equalTo(col("r_user")), "left")
        .join(latestProfiles, col("user_id").equalTo(col("p_user")), "left")
        .select(col("user_id"), col("days"), col("history"), col("reports"), col("profile"));
  }

  /**
   * The per-user rows of a run: the days of {@code gold.daily_metrics} the run recomputed (every
   * day in a full run) on which the user's consent to coaching was in effect, with their history
   * windows, self-reports and profiles.
   *
   * @param history receives the daily-metrics rows read, for the run's row count
   */
  public static Dataset<Row> read(PipelineContext context, RowCounter history) {
    Dataset<Row> recent =
        history.observe(
            context.readTableForAffectedDays(LakehouseTables.DAILY_METRICS, HISTORY_DAYS));
    // no readiness, anomalies or plans for the days a user had withdrawn consent to coaching
    Dataset<Row> days =
        ConsentFilter.inEffectOnDay(
            context,
            context.onlyAffected(recent.select(col("user_id"), col("local_date"))),
            "user_id",
            "local_date",
            Purpose.COACHING);
    return perUser(
        days,
        recent,
        context.spark().table(context.tableName(LakehouseTables.WELLNESS)),
        context.readBronze(LakehouseTables.USER_PROFILES));
  }

  private static Column[] columns(List<String> names) {
    return names.stream().map(n -> col(n)).toArray(Column[]::new);
  }
}
