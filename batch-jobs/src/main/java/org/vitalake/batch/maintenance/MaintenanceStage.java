package org.vitalake.batch.maintenance;

import java.time.Duration;
import java.time.Instant;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.ExpireSnapshots;
import org.apache.iceberg.actions.RewriteDataFiles;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.iceberg.spark.actions.SparkActions;
import org.vitalake.batch.pipeline.PipelineContext;
import org.vitalake.batch.pipeline.PipelineStage;
import org.vitalake.batch.pipeline.StageResult;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableDefinition;

/**
 * Step {@code maintenance}: compacts the small data files group commits and nightly overwrites
 * leave behind (Iceberg's {@code rewriteDataFiles}) and expires snapshots older than the retention
 * ({@code expireSnapshots}, which also deletes the files only those snapshots referenced). Rows in
 * / out are data files rewritten / written.
 *
 * <p>Each table's compaction commits once. With Iceberg's partial progress, its commit thread polls
 * without sleeping while finished file groups wait for a commit batch: it took one of two cores for
 * the whole compaction, which ran 40 % faster without it (docs/benchmarks.md). Compaction does not
 * conflict with appends made meanwhile, and a failed one is simply done again by the next run.
 */
public final class MaintenanceStage implements PipelineStage {

  /** A file group is compacted once it has this many small files. */
  static final int MIN_INPUT_FILES = 5;

  private final Duration retention;

  public MaintenanceStage(Duration retention) {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException(
          "snapshot retention is " + retention + " but must be positive");
    }
    this.retention = retention;
  }

  @Override
  public String name() {
    return "maintenance";
  }

  @Override
  public int order() {
    return MAINTENANCE;
  }

  @Override
  public StageResult run(PipelineContext context) throws Exception {
    SparkActions actions = SparkActions.get(context.spark());
    long rewritten = 0;
    long added = 0;
    long expiredFiles = 0;
    Instant expireBefore = Instant.now().minus(retention);
    for (TableDefinition definition : LakehouseTables.ALL) {
      Table table = Spark3Util.loadIcebergTable(context.spark(), context.tableName(definition));
      if (table.currentSnapshot() == null) {
        continue;
      }
      // both actions run Spark jobs; skip them when the metadata says there is nothing to do
      long files =
          Long.parseLong(table.currentSnapshot().summary().getOrDefault("total-data-files", "0"));
      if (files >= MIN_INPUT_FILES) {
        RewriteDataFiles.Result compaction =
            actions
                .rewriteDataFiles(table)
                .option("min-input-files", String.valueOf(MIN_INPUT_FILES))
                .execute();
        rewritten += compaction.rewrittenDataFilesCount();
        added += compaction.addedDataFilesCount();
        table.refresh();
      }
      boolean expirable = false;
      for (Snapshot snapshot : table.snapshots()) {
        expirable |=
            snapshot.timestampMillis() < expireBefore.toEpochMilli()
                && snapshot.snapshotId() != table.currentSnapshot().snapshotId();
      }
      if (expirable) {
        ExpireSnapshots.Result expiry =
            actions
                .expireSnapshots(table)
                .expireOlderThan(expireBefore.toEpochMilli())
                .retainLast(1)
                .execute();
        expiredFiles += expiry.deletedDataFilesCount();
      }
    }
    return new StageResult(
        rewritten,
        added,
        "compacted "
            + rewritten
            + " files into "
            + added
            + ", expired snapshots older than "
            + retention.toHours()
            + " h ("
            + expiredFiles
            + " data files deleted)");
  }
}
