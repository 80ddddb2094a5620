package org.vitalake.batch.pipeline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.SparkSession;
import org.vitalake.batch.spark.LakehouseSparkSession;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableDefinition;

/**
 * Fixes what a new run reads: the current snapshot of each bronze table, and where the last
 * completed run stopped.
 */
public final class PipelineScopeResolver {

  /** The bronze tables the pipeline reads incrementally. */
  public static final List<TableDefinition> BRONZE_INPUTS =
      List.of(
          LakehouseTables.WEARABLE_SAMPLES,
          LakehouseTables.JOURNAL_ENTRIES,
          LakehouseTables.USER_PROFILES);

  private final SparkSession spark;
  private final String catalogName;

  public PipelineScopeResolver(SparkSession spark, String catalogName) {
    this.spark = spark;
    this.catalogName = catalogName;
  }

  /**
   * The scope of a new run.
   *
   * @param full recompute everything ({@code --full})
   * @param date a day to recompute for every user; nullable
   * @param previous the scope of the last completed run; null when there is none
   */
  public PipelineScope resolve(boolean full, LocalDate date, PipelineScope previous)
      throws Exception {
    Map<String, PipelineScope.SnapshotRange> ranges = new LinkedHashMap<>();
    long newestCommit = 0;
    String reason;
    if (full) {
      reason = "--full: recomputing every day";
    } else if (previous == null) {
      reason = "first run: recomputing every day";
      full = true;
    } else {
      reason = "bronze snapshots committed since the last completed run";
    }
    for (TableDefinition definition : BRONZE_INPUTS) {
      Table table =
          Spark3Util.loadIcebergTable(
              spark, LakehouseSparkSession.tableName(catalogName, definition));
      table.refresh();
      Snapshot current = table.currentSnapshot();
      Long to = current == null ? null : current.snapshotId();
      if (current != null) {
        newestCommit = Math.max(newestCommit, lastDataCommit(table, current).timestampMillis());
      }
      Long from = null;
      if (!full && previous != null) {
        from = previous.range(definition.qualifiedName()).to();
        if (from != null
            && to != null
            && !from.equals(to)
            && !SnapshotUtil.isAncestorOf(table, to, from)) {
          // snapshot expiry removed where the last run stopped: the safe answer is everything
          full = true;
          reason =
              "snapshot "
                  + from
                  + " of "
                  + definition.qualifiedName()
                  + " is no longer in the table's history: recomputing every day";
        }
      }
      ranges.put(definition.qualifiedName(), new PipelineScope.SnapshotRange(from, to));
    }
    if (full) {
      ranges.replaceAll((name, range) -> new PipelineScope.SnapshotRange(null, range.to()));
    } else if (date != null) {
      reason = reason + ", and " + date + " for every user";
    }
    return new PipelineScope(full, date, ranges, Instant.ofEpochMilli(newestCommit), reason);
  }

  /**
   * The newest snapshot at or before {@code snapshot} that changed the table's rows: compaction
   * ({@code replace}) rewrites files without changing rows, so its commit time must not move the
   * run's data time (and with it every {@code computed_at}) on a rerun.
   */
  static Snapshot lastDataCommit(Table table, Snapshot snapshot) {
    Snapshot s = snapshot;
    while (DataOperations.REPLACE.equals(s.operation()) && s.parentId() != null) {
      Snapshot parent = table.snapshot(s.parentId());
      if (parent == null) {
        break; // expired: the replace is the oldest commit still known
      }
      s = parent;
    }
    return s;
  }
}
