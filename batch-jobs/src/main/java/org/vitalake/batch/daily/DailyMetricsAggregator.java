package org.vitalake.batch.daily;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.bit_count;
import static org.apache.spark.sql.functions.bit_or;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.try_divide;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.vitalake.batch.normalize.LocalDay;
import org.vitalake.batch.normalize.WorkoutBuilder;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.metric.ValueRange;

/**
 * Silver tables to {@code gold.daily_metrics}: one row per user and local day that has any sample,
 * sleep session, meal, mood or activity.
 *
 * <p>Rules (documented in {@code docs/pipeline.md}): steps, active minutes and active energy are
 * sums of the silver rows that survived source priority; resting heart rate is the mean of the
 * day's resting-heart-rate readings, else the {@link #NIGHT_PERCENTILE} percentile of the heart
 * rate measured during the sleep that ended that day (00:00-06:00 local when there is no sleep
 * session), leaving out the readings taken during a workout of the user: a run at 05:00 is no rest,
 * yet its heart rate stays low enough to pass for resting heart rate and would raise the
 * percentile. HRV is the day's mean rMSSD; sleep sums the sessions that ended that day; coverage is
 * the fraction of the day's hours (23 or 25 on DST days) with at least one sample.
 */
public final class DailyMetricsAggregator {

  /** Percentile of night-time heart rate used as resting heart rate when none was reported. */
  public static final double NIGHT_PERCENTILE = 0.05;

  /** Local hour before which heart rate counts as night when there is no sleep session. */
  public static final int NIGHT_ENDS_AT_HOUR = 6;

  /** Rows longer than this are day totals: they say nothing about which hours had data. */
  static final long COVERAGE_MAX_ROW_SECONDS = 16 * 3600L;

  /** Sessions of one night checked without a lambda (the others are checked with one). */
  private static final int UNROLLED_SESSIONS = 3;

  /**
   * Workouts of one reading's day checked without a lambda: one a day on each of the days whose
   * workouts may hold the reading ({@link WorkoutBuilder#readingDays}).
   */
  private static final int UNROLLED_WORKOUTS =
      WorkoutBuilder.LAST_READING_DAY - WorkoutBuilder.FIRST_READING_DAY + 1;

  /** Up to this estimated size sessions and workouts are broadcast to the scan of the samples. */
  private static final long BROADCAST_SESSIONS_MAX_BYTES = 64L << 20;

  /** A local day starts at most 18 hours before its UTC midnight (the largest offset). */
  private static final int MASK_HOURS_BEFORE = 18;

  /** The columns of {@code gold.daily_metrics}, in table order. */
  public static final List<String> COLUMNS =
      List.of(
          "user_id",
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
          "sources",
          "computed_at");

  /** The silver inputs of one aggregation, each with its table's columns. */
  public record Inputs(
      Dataset<Row> samples,
      Dataset<Row> sleepSessions,
      Dataset<Row> workouts,
      Dataset<Row> meals,
      Dataset<Row> moods,
      Dataset<Row> activities,
      Dataset<Row> timeZones) {
    public Inputs {
      Objects.requireNonNull(samples, "samples");
      Objects.requireNonNull(sleepSessions, "sleepSessions");
      Objects.requireNonNull(workouts, "workouts");
      Objects.requireNonNull(meals, "meals");
      Objects.requireNonNull(moods, "moods");
      Objects.requireNonNull(activities, "activities");
      Objects.requireNonNull(timeZones, "timeZones");
    }
  }

  private DailyMetricsAggregator() {}

  /**
   * Aggregates {@code inputs} into daily rows.
   *
   * @param computedAt stored in {@code computed_at}; the pipeline passes the commit time of the
   *     bronze snapshot it read, so a rerun reproduces the row exactly
   */
  public static Dataset<Row> aggregate(Inputs inputs, Instant computedAt) {
    Dataset<Row> parts =
        sampleDays(inputs.samples(), inputs.sleepSessions(), inputs.workouts(), inputs.timeZones())
            .unionByName(sleep(inputs.sleepSessions()), true)
            .unionByName(nutrition(inputs.meals()), true)
            .unionByName(mood(inputs.moods()), true)
            .unionByName(loggedActivity(inputs.activities()), true);
    Dataset<Row> daily =
        parts
            .groupBy(col("user_id"), col("local_date"))
            .agg(
                max("steps").as("steps"),
                max("active_minutes_measured").as("active_minutes_measured"),
                max("active_minutes_logged").as("active_minutes_logged"),
                max("energy_out_kcal").as("energy_out_kcal"),
                max("resting_hr_reported").as("resting_hr_reported"),
                max("resting_hr_night").as("resting_hr_night"),
                max("hrv_rmssd_ms").as("hrv_rmssd_ms"),
                max("sleep_minutes").as("sleep_minutes"),
                max("sleep_efficiency").as("sleep_efficiency"),
                max("deep_sleep_minutes").as("deep_sleep_minutes"),
                max("rem_sleep_minutes").as("rem_sleep_minutes"),
                max("energy_in_kcal").as("energy_in_kcal"),
                max("protein_g").as("protein_g"),
                max("mood").as("mood"),
                max("coverage").as("coverage"),
                sort_array(array_distinct(flatten(collect_set(col("source_list"))))).as("sources"));
    return daily
        .withColumn(
            "active_minutes",
            coalesce(col("active_minutes_measured"), col("active_minutes_logged")))
        .withColumn("resting_hr", coalesce(col("resting_hr_reported"), col("resting_hr_night")))
        .withColumn("coverage", coalesce(col("coverage"), lit(0.0)))
        .withColumn("sources", coalesce(col("sources"), array().cast("array<string>")))
        .withColumn("computed_at", lit(Timestamp.from(computedAt)))
        .select(COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new));
  }

  private static Column metricIs(Metric metric) {
    return col("metric").equalTo(metric.code());
  }

  /**
   * Sums, means, sources, coverage and night heart rate of each user-day's samples, in one scan of
   * the samples and one aggregation.
   *
   * <p>Coverage: the hours a row covers are bits of a mask (bit 0 is 18 hours before the local
   * midnight, the earliest a day can start in any offset), so the day's distinct hours are the bits
   * set in the OR of its masks. The hours are those of the local clock (a +05:30 zone's 10:00-11:00
   * is one bit, not two UTC hours), clipped to the row's local day, and each bit is an elapsed
   * hour: the hour a fall-back day repeats is two bits, and the hour a spring-forward day skips
   * none.
   *
   * <p>Night heart rate: the sessions a heart-rate reading may fall in (those ending on its day or
   * the next) come with it from a join on (user, day); a reading inside sessions that end the next
   * day is counted a second time, on that day, for that day's sleep percentile only. Each reading
   * counts once per session it lies in (the percentile's frequency), as a join of readings and
   * sessions would count it. The same join brings the user's workouts that may hold the reading
   * (those {@link WorkoutBuilder} reads it for); a night reading during one of them counts for no
   * percentile. Daytime readings outside every session count for none anyway, so only the others
   * are checked against the workouts.
   *
   * <p>Two aggregations: {@code percentile} and {@code collect_set} keep their state in objects,
   * which Spark aggregates without generated code and, past 128 groups in a task, by sorting every
   * row. So the rows are first added up per (user, day, source, heart-rate value) in a
   * code-generated hash aggregation (sums, counts, the OR of the masks and each value's
   * frequencies), and only those few rows per day reach the percentiles, weighted by the
   * frequencies, and the set of sources. Percentiles, sets and masks are exactly what one
   * aggregation gives; sums and means of doubles may differ in the last bit, being added in another
   * order (as they already do between runs with other partitions).
   */
  static Dataset<Row> sampleDays(
      Dataset<Row> samples,
      Dataset<Row> sleepSessions,
      Dataset<Row> workouts,
      Dataset<Row> timeZones) {
    Column s = unix_seconds(col("start_time"));
    Column e = coalesce(unix_seconds(col("end_time")), s);
    // hours of the local clock: UTC hours moved by the offset's part below an hour (+05:30 starts
    // them at half past), counted from a fixed base so that a DST day's elapsed hours stay apart
    Column offset = col("zone_offset_seconds").cast("long");
    Column shift = pmod(offset, lit(3600L));
    Column firstHour = floor(s.plus(shift).divide(3600));
    Column lastHour = floor(when(e.gt(s), e.minus(1)).otherwise(s).plus(shift).divide(3600));
    Column dayHours = unix_date(col("local_date")).cast("long").multiply(24);
    Column maskBase = dayHours.minus(MASK_HOURS_BEFORE);
    // the local day as 24 of those hours from the offset the row was placed with: a row crossing
    // midnight counts up to the day's last hour, never the next day's first
    Column dayStartHour = dayHours.minus(floor(offset.divide(3600)));
    Column from = greatest(firstHour, dayStartHour).minus(maskBase);
    Column to = least(lastHour, dayStartHour.plus(23)).minus(maskBase);
    Column mask =
        when(
                e.minus(s)
                    .leq(COVERAGE_MAX_ROW_SECONDS)
                    .and(from.geq(0))
                    .and(to.geq(from))
                    .and(to.lt(63)),
                call_function(
                    "shiftleft",
                    call_function("shiftleft", lit(1L), to.minus(from).plus(1).cast("int"))
                        .minus(1),
                    from.cast("int")))
            .otherwise(lit(0L));

    // a session ending on day d holds heart rate of days d and d-1
    Dataset<Row> sessionDays =
        sleepSessions.select(
            col("user_id").as("n_user"),
            explode(array(col("local_date"), date_sub(col("local_date"), 1))).as("n_date"),
            struct(
                    col("local_date").as("wake"),
                    col("start_time").as("start"),
                    col("end_time").as("end"))
                .as("session"));
    Dataset<Row> workoutDays =
        workouts.select(
            col("user_id").as("n_user"),
            explode(WorkoutBuilder.readingDays(col("local_date"))).as("n_date"),
            struct(col("start_time").as("start"), col("end_time").as("end")).as("workout"));
    // one row per user and day holding both, so the samples are joined once
    Dataset<Row> nights =
        sessionDays
            .unionByName(workoutDays, true)
            .groupBy(col("n_user"), col("n_date"))
            .agg(
                collect_list(col("session")).as("sessions"),
                collect_list(col("workout")).as("workouts"));
    Column heartRate = metricIs(Metric.HEART_RATE);
    Dataset<Row> withNights =
        samples.join(
            smallEnough(sleepSessions, workouts) ? broadcast(nights) : nights,
            // other metrics join nothing: a null key is not even looked up
            col("user_id")
                .equalTo(col("n_user"))
                .and(when(heartRate, col("local_date")).equalTo(col("n_date"))),
            "left");
    Column sameNight = sessionsHolding(col("local_date"));
    Column nextNight = sessionsHolding(date_add(col("local_date"), 1));
    Column localHour =
        floor(
            s.plus(col("zone_offset_seconds"))
                .minus(unix_date(col("local_date")).cast("long").multiply(86_400L))
                .divide(3600));
    // heart rate that may count for a night percentile, unless a workout holds it
    Column nightCandidate =
        heartRate.and(col("early").or(col("same_night").gt(0)).or(col("next_night").gt(0)));
    Column inWorkout =
        countMatching(
                col("workouts"), UNROLLED_WORKOUTS, workout -> holds(workout, col("start_time")))
            .gt(0);
    // a reading in a session that ends the next day also counts there (pos 1); every aggregate's
    // input is computed here, in generated code, so the aggregation only adds up columns
    Column own = col("pos").equalTo(0);
    Dataset<Row> routed =
        withNights
            .select(
                col("user_id"),
                col("metric"),
                col("value"),
                col("source"),
                col("start_time"),
                col("workouts"),
                mask.as("hour_mask"),
                localHour.lt(NIGHT_ENDS_AT_HOUR).as("early"),
                col("local_date"),
                sameNight.as("same_night"),
                nextNight.as("next_night"))
            .select(
                col("user_id"),
                col("metric"),
                col("value"),
                col("source"),
                col("hour_mask"),
                col("early"),
                col("local_date"),
                col("same_night"),
                col("next_night"),
                // the workouts are looked at only for the few readings a percentile can count
                when(nightCandidate, not(inWorkout)).otherwise(lit(false)).as("night_hr"))
            // the generator reads columns: an expression with a lambda would keep it interpreted
            .select(
                col("*"),
                posexplode(
                        when(
                                col("night_hr").and(col("next_night").gt(0)),
                                array(col("local_date"), date_add(col("local_date"), 1)))
                            .otherwise(array(col("local_date"))))
                    .as(new String[] {"pos", "day"}))
            .select(
                col("user_id"),
                col("day").as("local_date"),
                when(own.and(metricIs(Metric.STEPS)), col("value")).as("steps_v"),
                when(own.and(metricIs(Metric.ACTIVE_MINUTES)), col("value")).as("active_v"),
                when(own.and(metricIs(Metric.ACTIVE_ENERGY)), col("value")).as("energy_v"),
                when(own.and(metricIs(Metric.RESTING_HEART_RATE)), col("value")).as("rhr_v"),
                when(own.and(metricIs(Metric.HRV_RMSSD)), col("value")).as("hrv_v"),
                when(own, col("source")).as("source_v"),
                when(own, col("hour_mask")).otherwise(lit(0L)).as("mask_v"),
                when(col("night_hr"), col("value")).as("hr_v"),
                when(col("night_hr"), when(own, col("same_night")).otherwise(col("next_night")))
                    .otherwise(lit(0))
                    .as("hr_sessions"),
                when(own.and(col("night_hr")).and(col("early")), col("value")).as("hr_early_v"));
    // first the sums, counts and masks in a code-generated hash aggregation, keyed also by what
    // the set of sources and the percentiles need: a user's few sources and heart-rate values
    Dataset<Row> perValue =
        routed
            .groupBy(col("user_id"), col("local_date"), col("source_v"), col("hr_v"))
            .agg(
                sum(col("steps_v")).as("steps_sum"),
                sum(col("active_v")).as("active_sum"),
                sum(col("energy_v")).as("energy_sum"),
                sum(col("rhr_v")).as("rhr_sum"),
                count(col("rhr_v")).as("rhr_count"),
                sum(col("hrv_v")).as("hrv_sum"),
                count(col("hrv_v")).as("hrv_count"),
                bit_or(col("mask_v")).as("mask"),
                sum(col("hr_sessions")).as("hr_sleep_count"),
                // hr_early_v is hr_v where it is set: its count is the value's early frequency
                count(col("hr_early_v")).as("hr_early_count"));
    Dataset<Row> zones = timeZones.select(col("user_id").as("z_user"), col("time_zone"));
    return perValue
        .groupBy(col("user_id"), col("local_date"))
        .agg(
            round(sum(col("steps_sum"))).cast("long").as("steps"),
            sum(col("active_sum")).as("active_minutes_measured"),
            sum(col("energy_sum")).as("energy_out_kcal"),
            // avg's own arithmetic: the sum over the count, null without values
            try_divide(sum(col("rhr_sum")), sum(col("rhr_count"))).as("resting_hr_reported"),
            try_divide(sum(col("hrv_sum")), sum(col("hrv_count"))).as("hrv_rmssd_ms"),
            sort_array(collect_set(col("source_v"))).as("source_list"),
            bit_count(bit_or(col("mask"))).as("hours_with_data"),
            percentile(col("hr_v"), lit(NIGHT_PERCENTILE), col("hr_sleep_count")).as("hr_sleep"),
            percentile(col("hr_v"), lit(NIGHT_PERCENTILE), col("hr_early_count")).as("hr_early"))
        .join(broadcast(zones), col("user_id").equalTo(col("z_user")), "left")
        .withColumn(
            "coverage",
            least(
                lit(1.0),
                try_divide(
                    col("hours_with_data"),
                    LocalDay.hoursInDay(col("local_date"), col("time_zone")))))
        .withColumn(
            "resting_hr_night",
            coalesce(restingHrOrNull(col("hr_sleep")), restingHrOrNull(col("hr_early"))))
        .drop("z_user", "time_zone", "hours_with_data", "hr_sleep", "hr_early");
  }

  /**
   * The night heart rate as a resting heart rate, or null when no resting heart rate can be that
   * high or low: the early hours of a day without a sleep session may hold nothing but a workout
   * after midnight, and its 5th percentile (160 bpm, say) is no resting heart rate.
   */
  private static Column restingHrOrNull(Column nightHr) {
    ValueRange resting = Metric.RESTING_HEART_RATE.range();
    return when(nightHr.between(resting.min(), resting.max()), nightHr);
  }

  /** Sessions of the joined {@code sessions} that end on {@code wakeDay} and hold the reading. */
  private static Column sessionsHolding(Column wakeDay) {
    return countMatching(
        col("sessions"),
        UNROLLED_SESSIONS,
        session ->
            session.getField("wake").equalTo(wakeDay).and(holds(session, col("start_time"))));
  }

  /** Whether the interval ({@code start}, {@code end}) holds {@code t}: start inclusive. */
  private static Column holds(Column interval, Column t) {
    return t.geq(interval.getField("start")).and(t.lt(interval.getField("end")));
  }

  /**
   * How many elements of {@code list} (0 when null) match: the usual few without a lambda, any
   * further ones with one, which Spark evaluates without generated code.
   */
  private static Column countMatching(Column list, int unrolled, Function<Column, Column> matches) {
    Column count = lit(0);
    for (int i = 1; i <= unrolled; i++) {
      count =
          count.plus(when(matches.apply(try_element_at(list, lit(i))), lit(1)).otherwise(lit(0)));
    }
    Column more =
        size(filter(slice(list, lit(unrolled + 1), size(list).minus(unrolled)), matches::apply));
    return count.plus(when(size(list).gt(unrolled), more).otherwise(lit(0)));
  }

  /** Whether the sessions and workouts are small enough to send to every task whole. */
  private static boolean smallEnough(Dataset<Row> sleepSessions, Dataset<Row> workouts) {
    BigInteger bytes =
        sleepSessions
            .queryExecution()
            .optimizedPlan()
            .stats()
            .sizeInBytes()
            .bigInteger()
            .add(workouts.queryExecution().optimizedPlan().stats().sizeInBytes().bigInteger());
    return bytes.compareTo(BigInteger.valueOf(BROADCAST_SESSIONS_MAX_BYTES)) <= 0;
  }

  static Dataset<Row> sleep(Dataset<Row> sessions) {
    return sessions
        .groupBy(col("user_id"), col("local_date"))
        .agg(
            sum("minutes_asleep").as("sleep_minutes"),
            try_divide(sum("minutes_asleep"), sum("minutes_in_bed")).as("sleep_efficiency"),
            sum("minutes_deep").as("deep_sleep_minutes"),
            sum("minutes_rem").as("rem_sleep_minutes"),
            sort_array(collect_set(col("source"))).as("source_list"));
  }

  static Dataset<Row> nutrition(Dataset<Row> meals) {
    return meals
        .groupBy(col("user_id"), col("local_date"))
        .agg(sum("energy_kcal").as("energy_in_kcal"), sum("protein_g").as("protein_g"));
  }

  static Dataset<Row> mood(Dataset<Row> moods) {
    return moods.groupBy(col("user_id"), col("local_date")).agg(avg("score").as("mood"));
  }

  static Dataset<Row> loggedActivity(Dataset<Row> activities) {
    return activities
        .groupBy(col("user_id"), col("local_date"))
        .agg(sum("minutes").as("active_minutes_logged"));
  }
}
