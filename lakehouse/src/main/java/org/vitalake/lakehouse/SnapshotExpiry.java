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
    Set<Long> before = new HashSet<>();
    boolean expirable = false;
    for (Snapshot snapshot : table.snapshots()) {
      before.add(snapshot.snapshotId());
      expirable |=
          snapshot.timestampMillis() < cutoff && !referenced.contains(snapshot.snapshotId());
    }
    if (!expirable) {
      return new Result(0, before.size());
    }
    table.expireSnapshots().expireOlderThan(cutoff).retainLast(1).commit();
    table.refresh();
    // commits may land meanwhile: count which of the earlier snapshots are gone
    int kept = 0;
    for (Snapshot snapshot : table.snapshots()) {
      kept++;
      before.remove(snapshot.snapshotId());
    }
    return new Result(before.size(), kept);
  }
}
