package org.vitalake.batch.cohort;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.cohort_weekly}: per local week (Monday to Sunday), age band and sex, the mean of each
 * user's daily means of steps, active minutes, sleep, resting heart rate, HRV and mood, so every
 * user weighs the same however many days they logged.
 *
 * <p>Small cells are suppressed: a cohort-week with fewer than {@code minUsers} users keeps its row
 * (so analysts see the cell exists) with {@code users}, {@code user_days} and every mean null, and
 * in a cell that is shown, a mean that fewer than {@code minUsers} of its users contribute to (HRV
 * when few wear a device that measures it) is null too. No totals over cells are written, since a
 * total minus the visible cells would give the suppressed ones back. The age is the week's year
 * minus the birth year of the user's latest profile (the age they reach that year); sex is {@code
 * unspecified} without a profile.
 */
public final class CohortReport {

  /**
   * The metrics averaged, as {@code gold.daily_metrics} and {@code gold.cohort_weekly} name them.
   */
  public static final List<String> METRICS =
      List.of("steps", "active_minutes", "sleep_minutes", "resting_hr", "hrv_rmssd_ms", "mood");

  /** Lower bounds of the age bands; each band ends where the next starts, the last is open. */
  static final int[] BAND_STARTS = {18, 30, 40, 50, 60};

  private CohortReport() {}

  /**
   * The cohort rows of every week in {@code dailyMetrics}.
   *
   * @param dailyMetrics rows of {@code gold.daily_metrics} of the users to report on
   * @param profiles rows of {@code bronze.user_profiles}; the latest {@code updated_at} per user
   *     wins
   * @param minUsers cells with fewer users are suppressed; at least 1
   */
  public static Dataset<Row> weekly(
      Dataset<Row> dailyMetrics, Dataset<Row> profiles, int minUsers, Instant computedAt) {
    if (minUsers < 1) {
      throw new IllegalArgumentException("minUsers is " + minUsers + " but must be >= 1");
    }
    Dataset<Row> latest =
        profiles
            .groupBy(col("user_id").as("p_user"))
            .agg(max(struct(col("updated_at"), col("birth_year"), col("sex"))).as("p"));
    // dayofweek: 1 = Sunday ... 7 = Saturday, so (dayofweek + 5) % 7 days back is the Monday
    Column weekStart =
        date_sub(col("local_date"), pmod(dayofweek(col("local_date")).plus(5), lit(7)));
    List<Column> userMeans = new ArrayList<>();
    userMeans.add(count(lit(1)).as("days"));
    for (String metric : METRICS) {
      userMeans.add(avg(col(metric)).as(metric));
    }
    Dataset<Row> userWeeks =
        dailyMetrics
            .where(col("user_id").isNotNull().and(col("local_date").isNotNull()))
            .withColumn("week_start", weekStart)
            .groupBy(col("user_id"), col("week_start"))
            .agg(userMeans.get(0), userMeans.subList(1, userMeans.size()).toArray(Column[]::new))
            .join(latest, col("user_id").equalTo(col("p_user")), "left")
            .withColumn("age_band", ageBand(year(col("week_start")).minus(col("p.birth_year"))))
            .withColumn("sex", coalesce(lower(col("p.sex")), lit("unspecified")));
    List<Column> cellMeans = new ArrayList<>();
    cellMeans.add(sum(col("days")).cast("int").as("user_days"));
    for (String metric : METRICS) {
      cellMeans.add(avg(col(metric)).as(metric));
      // a mean skips users without the metric: it must rest on enough users of its own
      cellMeans.add(count(col(metric)).as(metric + "_users"));
    }
    Dataset<Row> cells =
        userWeeks
            .groupBy(col("week_start"), col("age_band"), col("sex"))
            .agg(
                countDistinct(col("user_id")).cast("int").as("users"),
                cellMeans.toArray(Column[]::new));
    Column small = col("users").lt(minUsers);
    Column shown = col("users").geq(minUsers);
    List<Column> out = new ArrayList<>();
    out.add(col("week_start"));
    out.add(col("age_band"));
    out.add(col("sex"));
    out.add(when(shown, col("users")).as("users"));
    out.add(when(shown, col("user_days")).as("user_days"));
    for (String metric : METRICS) {
      out.add(when(shown.and(col(metric + "_users").geq(minUsers)), col(metric)).as(metric));
    }
    out.add(small.as("suppressed"));
    out.add(lit(minUsers).as("min_users"));
    out.add(lit(Timestamp.from(computedAt)).as("computed_at"));
    return cells.select(out.toArray(Column[]::new));
  }

  /** {@code 18-29}, ..., {@code 60+}, {@code under 18}, or {@code unknown} without a birth year. */
  static Column ageBand(Column age) {
    Column band = when(age.isNull(), lit("unknown")).when(age.lt(BAND_STARTS[0]), lit("under 18"));
    for (int i = 0; i < BAND_STARTS.length; i++) {
      String label =
          i + 1 < BAND_STARTS.length
              ? BAND_STARTS[i] + "-" + (BAND_STARTS[i + 1] - 1)
              : BAND_STARTS[i] + "+";
      Column upper = i + 1 < BAND_STARTS.length ? age.lt(BAND_STARTS[i + 1]) : lit(true);
      band = band.when(upper, lit(label));
    }
    return band;
  }
}
