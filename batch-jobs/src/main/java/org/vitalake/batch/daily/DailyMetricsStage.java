package org.vitalake.batch.daily;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.vitalake.batch.pipeline.PipelineContext;
import org.vitalake.batch.pipeline.PipelineStage;
import org.vitalake.batch.pipeline.RowCounter;
import org.vitalake.batch.pipeline.StageResult;
import org.vitalake.lakehouse.LakehouseTables;

/** Step {@code dailyMetrics}: silver tables aggregated into {@code gold.daily_metrics}. */
public final class DailyMetricsStage implements PipelineStage {

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
    Dataset<Row> samples = in.observe(context.readTableForAffectedDays(LakehouseTables.SAMPLES, 1));
    DailyMetricsAggregator.Inputs inputs =
        new DailyMetricsAggregator.Inputs(
            samples,
            context.readTableForAffectedDays(LakehouseTables.SLEEP_SESSIONS, 0),
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
