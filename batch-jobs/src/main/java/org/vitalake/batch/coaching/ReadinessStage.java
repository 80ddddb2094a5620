package org.vitalake.batch.coaching;

import static org.apache.spark.sql.functions.col;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.vitalake.batch.pipeline.PipelineContext;
import org.vitalake.batch.pipeline.PipelineStage;
import org.vitalake.batch.pipeline.RowCounter;
import org.vitalake.batch.pipeline.StageResult;
import org.vitalake.lakehouse.LakehouseTables;

/**
 * Step {@code readiness}: {@code gold.readiness} (score, band, contributors, reason) and {@code
 * gold.anomalies} for the recomputed user-days, from core's readiness rules personalised by the
 * current registered models.
 */
public final class ReadinessStage implements PipelineStage {

  public static final int ORDER = 500;

  private final Map<String, String> modelStorageEnv;

  /**
   * @param modelStorageEnv the {@code VITALAKE_*} variables of the model storage
   */
  public ReadinessStage(Map<String, String> modelStorageEnv) {
    this.modelStorageEnv = Map.copyOf(modelStorageEnv);
  }

  @Override
  public String name() {
    return "readiness";
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
    CoachingModelSource models = CoachingModelSource.current(modelStorageEnv);
    RowCounter in = new RowCounter();
    Dataset<Row> rows =
        CoachingTransforms.readiness(
                CoachingInputs.read(context, in), models, context.scope().dataAsOf())
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long readiness = context.overwriteDays(LakehouseTables.READINESS, rows);
      long anomalies =
          context.overwriteDays(
              LakehouseTables.ANOMALIES,
              rows.where(col("anomaly_score").isNotNull())
                  .select(
                      col("user_id"),
                      col("local_date"),
                      col("anomaly_score").as("score"),
                      col("anomaly_flagged").as("flagged"),
                      col("anomaly_model_id").as("model_id"),
                      col("anomaly_details").as("details"),
                      col("computed_at")));
      return new StageResult(
          in.rows(),
          readiness + Math.max(anomalies, 0),
          readiness
              + " readiness days, "
              + anomalies
              + " anomaly judgements ("
              + models.describe()
              + ")");
    } finally {
      rows.unpersist();
    }
  }
}
