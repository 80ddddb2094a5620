package org.vitalake.batch.normalize;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.vitalake.batch.pipeline.PipelineContext;
import org.vitalake.batch.pipeline.PipelineStage;
import org.vitalake.batch.pipeline.StageResult;
import org.vitalake.core.journal.EntryType;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableDefinition;

/**
 * Step {@code normalizeJournal}: bronze journal entries typed into {@code silver.meals}, {@code
 * silver.moods}, {@code silver.activities} and {@code silver.wellness}.
 */
public final class NormalizeJournalStage implements PipelineStage {

  @Override
  public String name() {
    return "normalizeJournal";
  }

  @Override
  public int order() {
    return NORMALIZE_JOURNAL;
  }

  @Override
  public StageResult run(PipelineContext context) throws Exception {
    if (!context.hasWork()) {
      return StageResult.skipped("no new bronze rows");
    }
    Dataset<Row> entries =
        context.readForAffectedDays(
            context.readBronze(LakehouseTables.JOURNAL_ENTRIES), "occurred_at");
    Dataset<Row> prepared =
        JournalTyper.prepare(entries, context.timeZones()).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<String, Long> perType = new HashMap<>();
      for (Row r : prepared.groupBy("entry_type").count().collectAsList()) {
        perType.put(r.getString(0), r.getLong(1));
      }
      long in = perType.values().stream().mapToLong(Long::longValue).sum();
      // silver journal rows derive only from these entries: a type with none on the recomputed
      // days has no rows there to replace, so its table is left without a commit
      long meals =
          write(
              context,
              perType,
              EntryType.MEAL,
              LakehouseTables.MEALS,
              JournalTyper.meals(prepared));
      long moods =
          write(
              context,
              perType,
              EntryType.MOOD,
              LakehouseTables.MOODS,
              JournalTyper.moods(prepared));
      long activities =
          write(
              context,
              perType,
              EntryType.ACTIVITY,
              LakehouseTables.ACTIVITIES,
              JournalTyper.activities(prepared));
      long wellness =
          write(
              context,
              perType,
              EntryType.WELLNESS,
              LakehouseTables.WELLNESS,
              JournalTyper.wellness(prepared));
      return new StageResult(
          in,
          NormalizeSamplesStage.sum(meals, moods, activities, wellness),
          meals
              + " meals, "
              + moods
              + " moods, "
              + activities
              + " activities, "
              + wellness
              + " wellness days"
              + NormalizeSamplesStage.days(context));
    } finally {
      prepared.unpersist();
    }
  }

  private static long write(
      PipelineContext context,
      Map<String, Long> perType,
      EntryType type,
      TableDefinition table,
      Dataset<Row> rows)
      throws Exception {
    if (perType.getOrDefault(type.code(), 0L) == 0) {
      return 0;
    }
    return context.overwriteDays(table, rows);
  }
}
