package org.vitalake.batch.normalize;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.vitalake.batch.pipeline.PipelineContext;
import org.vitalake.batch.pipeline.PipelineStage;
import org.vitalake.batch.pipeline.StageResult;
import org.vitalake.core.metric.Metric;
import org.vitalake.lakehouse.LakehouseTables;

/**
 * Step {@code normalizeSamples}: bronze wearable samples to {@code silver.samples}, then the
 * night's sleep into {@code silver.sleep_sessions} and workouts into {@code silver.workouts}, for
 * the run's user-days.
 */
public final class NormalizeSamplesStage implements PipelineStage {

  @Override
  public String name() {
    return "normalizeSamples";
  }

  @Override
  public int order() {
    return NORMALIZE_SAMPLES;
  }

  @Override
  public StageResult run(PipelineContext context) throws Exception {
    if (!context.hasWork()) {
      return StageResult.skipped("no new bronze rows");
    }
    Dataset<Row> bronze =
        context.readForAffectedDays(
            context.readBronze(LakehouseTables.WEARABLE_SAMPLES), "start_time");
    // the resolve pass counts what it reads: an observed count would not see through its RDD
    LongAccumulator read = context.spark().sparkContext().longAccumulator("normalizeSamples.read");
    Dataset<Row> silver = SampleNormalizer.normalize(bronze, context.timeZones(), read);
    long samples = context.overwriteDaysWithoutShuffle(LakehouseTables.SAMPLES, silver);

    // sessions from the silver rows just written: a night's stages start on the previous day
    Dataset<Row> sleepRows =
        context
            .readTableForAffectedDays(LakehouseTables.SAMPLES, 1)
            .where(col("metric").isin(SampleNormalizer.SLEEP_METRICS.toArray()));
    long sessions =
        context.overwriteDays(LakehouseTables.SLEEP_SESSIONS, SleepSessionBuilder.build(sleepRows));

    // workouts from the silver rows just written, with the readings of the days around them
    Dataset<Row> around = context.readTableForAffectedDays(LakehouseTables.SAMPLES, 2);
    Dataset<Row> workoutRows = around.where(col("metric").equalTo(Metric.WORKOUT.code()));
    Dataset<Row> workoutInput =
        workoutRows.isEmpty()
            ? workoutRows
            : around.where(
                col("metric")
                    .isin(
                        Metric.WORKOUT.code(),
                        Metric.HEART_RATE.code(),
                        Metric.ACTIVE_ENERGY.code(),
                        Metric.DISTANCE.code()));
    long workouts =
        context.overwriteDays(LakehouseTables.WORKOUTS, WorkoutBuilder.build(workoutInput));
    return new StageResult(
        read.value(),
        sum(samples, sessions, workouts),
        samples
            + " samples, "
            + sessions
            + " sleep sessions, "
            + workouts
            + " workouts"
            + days(context));
  }

  static long sum(long... counts) {
    long total = 0;
    for (long c : counts) {
      if (c < 0) {
        return -1;
      }
      total += c;
    }
    return total;
  }

  static String days(PipelineContext context) {
    long days = context.affectedDayCount();
    return days < 0 ? " (all days)" : " (" + days + " user-days)";
  }
}
