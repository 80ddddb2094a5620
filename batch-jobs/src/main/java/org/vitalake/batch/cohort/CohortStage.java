package org.vitalake.batch.cohort;

import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.vitalake.batch.coaching.ConsentFilter;
import org.vitalake.batch.pipeline.PipelineContext;
import org.vitalake.batch.pipeline.PipelineStage;
import org.vitalake.batch.pipeline.RowCounter;
import org.vitalake.batch.pipeline.StageResult;
import org.vitalake.lakehouse.LakehouseTables;

/**
 * Step {@code cohorts}: rewrites {@code gold.cohort_weekly} from every row of {@code
 * gold.daily_metrics} of the users whose research consent is in effect ({@link CohortReport}). The
 * table is small (one row per week and cell), so the step recomputes all of it on each run with new
 * data instead of tracking which weeks changed; users with an erasure request are left out before
 * the {@code erasure} step removes their rows.
 */
public final class CohortStage implements PipelineStage {

  public static final int ORDER = 650;

  private final int minUsers;

  /**
   * @param minUsers cells with fewer users are suppressed
   */
  public CohortStage(int minUsers) {
    if (minUsers < 1) {
      throw new IllegalArgumentException("minUsers is " + minUsers + " but must be >= 1");
    }
    this.minUsers = minUsers;
  }

  @Override
  public String name() {
    return "cohorts";
  }

  @Override
  public int order() {
    return ORDER;
  }

  @Override
  public StageResult run(PipelineContext context) throws Exception {
    if (!context.hasWork()) {
      return StageResult.skipped("no new bronze rows");
    }
    RowCounter in = new RowCounter();
    Dataset<Row> daily =
        in.observe(
            ConsentFilter.forResearch(
                context, context.spark().table(context.tableName(LakehouseTables.DAILY_METRICS))));
    Dataset<Row> cells =
        CohortReport.weekly(
                daily,
                context.readBronze(LakehouseTables.USER_PROFILES),
                minUsers,
                context.scope().dataAsOf())
            .cache();
    try {
      long out = context.replaceTable(LakehouseTables.COHORT_WEEKLY, cells);
      forgetEarlierVersions(context);
      long suppressed = cells.where("suppressed").count();
      return new StageResult(
          in.rows(),
          out,
          out + " cohort-weeks, " + suppressed + " suppressed (fewer than " + minUsers + " users)");
    } finally {
      cells.unpersist();
    }
  }

  /**
   * Expires every earlier snapshot of the table: two versions of a shown cell one user apart (a
   * withdrawal, an erasure, a newcomer) would give that user's values back by subtraction, so
   * {@code VERSION AS OF} must not reach them.
   */
  private static void forgetEarlierVersions(PipelineContext context) throws Exception {
    Table table =
        Spark3Util.loadIcebergTable(
            context.spark(), context.tableName(LakehouseTables.COHORT_WEEKLY));
    table.refresh();
    table.expireSnapshots().expireOlderThan(System.currentTimeMillis()).retainLast(1).commit();
  }
}
