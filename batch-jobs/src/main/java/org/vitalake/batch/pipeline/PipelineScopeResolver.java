package org.vitalake.batch.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
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
 *
 * <p>The ingest API expires bronze snapshots within minutes (every group commit adds one, and each
 * kept snapshot makes every later commit's metadata larger), so two things keep a run's input
 * readable:
 *
 * <ul>
 *   <li>each bronze table's snapshot a run reads carries the tag {@value #TAG}, which snapshot
 *       expiry keeps, until the next run moves it; a run and its restarts read it however long they
 *       take;
 *   <li>when the snapshots between the last run's stop point and now are gone, so the appends in
 *       between cannot be listed, the run reads the rows that arrived (by {@code received_at}, or
 *       {@code updated_at} for profiles) after the last run's data time minus a margin, instead of
 *       recomputing everything.
 * </ul>
 */
public final class PipelineScopeResolver {

  /** The bronze tables the pipeline reads incrementally. */
  public static final List<TableDefinition> BRONZE_INPUTS =
      List.of(
          LakehouseTables.WEARABLE_SAMPLES,
          LakehouseTables.JOURNAL_ENTRIES,
          LakehouseTables.USER_PROFILES);

  /** The tag on the bronze snapshot the newest run reads, kept by snapshot expiry. */
  public static final String TAG = "vitalake-pipeline";

  private final SparkSession spark;
  private final String catalogName;
  private final Duration arrivalMargin;

  /**
   * @param arrivalMargin how far before the last run's data time rows are read again when the
   *     snapshots since are expired: the longest time from a row's arrival stamp to its commit,
   *     plus the clock difference between writers
   */
  public PipelineScopeResolver(SparkSession spark, String catalogName, Duration arrivalMargin) {
    this.spark = spark;
    this.catalogName = catalogName;
    this.arrivalMargin = arrivalMargin;
  }

  /** The column that says when a bronze row arrived. */
  public static String arrivalColumn(TableDefinition table) {
    return table.equals(LakehouseTables.USER_PROFILES) ? "updated_at" : "received_at";
  }

  /**
   * The scope of a new run; tags the snapshots it reads ({@value #TAG}).
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
    List<String> byArrival = new ArrayList<>();
    for (TableDefinition definition : BRONZE_INPUTS) {
      Table table =
          Spark3Util.loadIcebergTable(
              spark, LakehouseSparkSession.tableName(catalogName, definition));
      table.refresh();
      Snapshot current = table.currentSnapshot();
      Long to = current == null ? null : current.snapshotId();
      if (current != null) {
        newestCommit = Math.max(newestCommit, lastDataCommit(table, current).timestampMillis());
        tag(table, to);
      }
      Long from = null;
      Instant arrivedAfter = null;
      if (!full && previous != null) {
        from = previous.range(definition.qualifiedName()).to();
        if (from != null
            && to != null
            && !from.equals(to)
            && !SnapshotUtil.isAncestorOf(table, to, from)) {
          // every row the last run did not read was committed after it fixed its scope, which was
          // after its data time
          arrivedAfter = previous.dataAsOf().minus(arrivalMargin);
          byArrival.add(definition.qualifiedName());
        }
      }
      ranges.put(
          definition.qualifiedName(), new PipelineScope.SnapshotRange(from, to, arrivedAfter));
    }
    if (full) {
      ranges.replaceAll((name, range) -> new PipelineScope.SnapshotRange(null, range.to()));
    } else {
      if (!byArrival.isEmpty()) {
        reason =
            reason
                + " ("
                + String.join(", ", byArrival)
                + ": the snapshots in between are expired, so rows that arrived after "
                + previous.dataAsOf().minus(arrivalMargin)
                + ", the last run's data time minus "
                + arrivalMargin.toMinutes()
                + " min)";
      }
      if (date != null) {
        reason = reason + ", and " + date + " for every user";
      }
    }
    return new PipelineScope(full, date, ranges, Instant.ofEpochMilli(newestCommit), reason);
  }

  /** Points {@value #TAG} at {@code snapshotId}, so expiry keeps it while this run reads it. */
  private static void tag(Table table, long snapshotId) {
    SnapshotRef ref = table.refs().get(TAG);
    if (ref == null) {
      table.manageSnapshots().createTag(TAG, snapshotId).commit();
    } else if (ref.snapshotId() != snapshotId) {
      table.manageSnapshots().replaceTag(TAG, snapshotId).commit();
    }
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
