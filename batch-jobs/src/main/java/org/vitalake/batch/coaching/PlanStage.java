package org.vitalake.batch.coaching;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vitalake.batch.pipeline.PipelineContext;
import org.vitalake.batch.pipeline.PipelineScopeResolver;
import org.vitalake.batch.pipeline.PipelineStage;
import org.vitalake.batch.pipeline.RowCounter;
import org.vitalake.batch.pipeline.StageResult;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableDefinition;

/**
 * Step {@code plans}: one {@code gold.coaching_plans} row per user and recomputed day, the plan as
 * {@code PlanJson}, with the model behind it and the bronze snapshots the run read.
 */
public final class PlanStage implements PipelineStage {

  public static final int ORDER = 550;

  private final Map<String, String> modelStorageEnv;

  /**
   * @param modelStorageEnv the {@code VITALAKE_*} variables of the model storage
   */
  public PlanStage(Map<String, String> modelStorageEnv) {
    this.modelStorageEnv = Map.copyOf(modelStorageEnv);
  }

  @Override
  public String name() {
    return "plans";
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
    long out =
        context.overwriteDays(
            LakehouseTables.COACHING_PLANS,
            CoachingTransforms.plans(
                CoachingInputs.read(context, in),
                models,
                context.scope().dataAsOf(),
                inputSnapshotIds(context)),
            "plan_date");
    return new StageResult(in.rows(), out, out + " plans (" + models.describe() + ")");
  }

  /**
   * The snapshot of each bronze input whose rows the run read (tables still empty are left out);
   * compaction snapshots are skipped, so a rerun records the same ids.
   */
  static List<Long> inputSnapshotIds(PipelineContext context) throws Exception {
    List<Long> ids = new ArrayList<>();
    for (TableDefinition table : PipelineScopeResolver.BRONZE_INPUTS) {
      Long id = context.dataSnapshotId(table);
      if (id != null) {
        ids.add(id);
      }
    }
    return ids;
  }
}
