package org.vitalake.batch.daily;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.vitalake.batch.normalize.WorkoutBuilder;
import org.vitalake.batch.pipeline.PipelineContext;
import org.vitalake.batch.pipeline.PipelineStage;
import org.vitalake.batch.pipeline.RowCounter;
import org.vitalake.batch.pipeline.StageResult;
import org.vitalake.lakehouse.LakehouseTables;

/** Step {@code dailyMetrics}: silver tables aggregated into {@code gold.daily_metrics}. */
public final class DailyMetricsStage implements PipelineStage {

  /** Samples are read a day before and after the recomputed days (the night before each). */
  static final int SAMPLE_MARGIN_DAYS = 1;

  /**
   * Workouts are read as far around as the workouts that may hold those samples' heart rate lie: a
   * reading on day r may be held by a workout of days r - {@link WorkoutBuilder#LAST_READING_DAY}
   * to r - {@link WorkoutBuilder#FIRST_READING_DAY}.
   */
  static final int WORKOUT_MARGIN_DAYS =
      SAMPLE_MARGIN_DAYS
          + Math.max(WorkoutBuilder.LAST_READING_DAY, -WorkoutBuilder.FIRST_READING_DAY);

  @Override
  public String name() {
    return "dailyMetrics";
  }

  @Override
  public int order() {
    return DAILY_METRICS;
  }

  @Override
  public StageResult run(PipelineContext context) throws Exception {
    if (!context.hasWork()) {
      return StageResult.skipped("no new bronze rows");
    }
    RowCounter in = new RowCounter();
    // heart rate of the evening before belongs to the night that ends on the day
    Dataset<Row> samples =
        in.observe(context.readTableForAffectedDays(LakehouseTables.SAMPLES, SAMPLE_MARGIN_DAYS));
    DailyMetricsAggregator.Inputs inputs =
        new DailyMetricsAggregator.Inputs(
            samples,
            context.readTableForAffectedDays(LakehouseTables.SLEEP_SESSIONS, 0),
            context.readTableForAffectedDays(LakehouseTables.WORKOUTS, WORKOUT_MARGIN_DAYS),
            context.readTableForAffectedDays(LakehouseTables.MEALS, 0),
            context.readTableForAffectedDays(LakehouseTables.MOODS, 0),
            context.readTableForAffectedDays(LakehouseTables.ACTIVITIES, 0),
            context.timeZones());
    Dataset<Row> daily = DailyMetricsAggregator.aggregate(inputs, context.scope().dataAsOf());
    long out = context.overwriteDays(LakehouseTables.DAILY_METRICS, daily);
    long days = context.affectedDayCount();
    return new StageResult(
        in.rows(),
        out,
        out + " user-days" + (days < 0 ? " (all days)" : " of " + days + " touched"));
  }
}
