package org.vitalake.lakehouse;

import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;

/**
 * Expires a table's snapshots older than a point in time, with Iceberg's {@code expireSnapshots} in
 * this process: the current snapshot and every snapshot a tag or branch points at are kept, and the
 * manifests, manifest lists and data files only expired snapshots referenced are deleted.
 *
 * <p>Every commit rewrites the table's metadata file with the whole list of kept snapshots (about
 * 900 bytes each), so a table committed to every few hundred milliseconds needs its snapshots
 * expired within minutes, or each commit gets slower than the one before.
 */
public final class SnapshotExpiry {

  /**
   * What one expiry did.
   *
   * @param expired snapshots removed
   * @param kept snapshots left in the table's metadata
   */
  public record Result(int expired, int kept) {}

  private SnapshotExpiry() {}

  /**
   * Expires the snapshots of {@code table} committed before {@code olderThan}, except the current
   * one and those a reference points at. Commits nothing when there is nothing to expire; a
   * concurrent commit to the table is retried like any other Iceberg commit.
   */
  public static Result expire(Table table, Instant olderThan) {
    Objects.requireNonNull(table, "table");
    long cutoff = olderThan.toEpochMilli();
    table.refresh();
    if (table.currentSnapshot() == null) {
      return new Result(0, 0);
    }
    Set<Long> referenced = new HashSet<>();
    for (SnapshotRef ref : table.refs().values()) {
      referenced.add(ref.snapshotId());
    }
    int expirable = 0;
    int total = 0;
    for (Snapshot snapshot : table.snapshots()) {
      total++;
      if (snapshot.timestampMillis() < cutoff && !referenced.contains(snapshot.snapshotId())) {
        expirable++;
      }
    }
    if (expirable == 0) {
      return new Result(0, total);
    }
    table.expireSnapshots().expireOlderThan(cutoff).retainLast(1).commit();
    table.refresh();
    int kept = 0;
    for (Snapshot ignored : table.snapshots()) {
      kept++;
    }
    // commits that landed meanwhile are kept, so count what is left rather than assume
    return new Result(Math.max(0, total - kept), kept);
  }
}
