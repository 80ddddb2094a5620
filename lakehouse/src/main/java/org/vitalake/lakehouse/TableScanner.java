package org.vitalake.lakehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Reads lakehouse tables with Iceberg's generic reader: full and filtered scans, row counts, and
 * the rows appended between two snapshots (how near-real-time consumers resume where they left
 * off).
 */
public final class TableScanner {

  /** The column list that selects every column. */
  public static final List<String> ALL_COLUMNS = List.of();

  private final Lakehouse lakehouse;

  public TableScanner(Lakehouse lakehouse) {
    this.lakehouse = Objects.requireNonNull(lakehouse, "lakehouse");
  }

  /** Row count, current snapshot and its commit time of one table. */
  public record TableStatus(
      TableIdentifier id, long rowCount, Long snapshotId, Instant lastCommitAt) {

    /** True when the table has never been written to. */
    public boolean empty() {
      return snapshotId == null;
    }
  }

  /** Every row of the table's current snapshot. */
  public List<Record> scan(TableIdentifier id) {
    return scan(id, Expressions.alwaysTrue());
  }

  /**
   * The rows of the current snapshot matching {@code filter} (e.g. {@code
   * Expressions.equal("user_id", "u1")}); partition and file statistics prune what is read.
   */
  public List<Record> scan(TableIdentifier id, Expression filter) {
    try (CloseableIterable<Record> rows = open(id, filter)) {
      return collect(rows);
    } catch (IOException e) {
      throw new UncheckedIOException("scanning " + id, e);
    }
  }

  /** A lazy scan of the current snapshot; the caller closes it. */
  public CloseableIterable<Record> open(TableIdentifier id, Expression filter) {
    Table table = lakehouse.table(id);
    return IcebergGenerics.read(table).where(filter).build();
  }

  /** The rows of {@code snapshotId} (time travel) matching {@code filter}. */
  public List<Record> scanAt(TableIdentifier id, long snapshotId, Expression filter) {
    try (CloseableIterable<Record> rows = openAt(id, snapshotId, filter, ALL_COLUMNS)) {
      return collect(rows);
    } catch (IOException e) {
      throw new UncheckedIOException("scanning " + id + " at snapshot " + snapshotId, e);
    }
  }

  /**
   * A lazy scan of {@code snapshotId} reading only {@code columns} (all when empty); the caller
   * closes it. Rows hold just the selected columns.
   */
  public CloseableIterable<Record> openAt(
      TableIdentifier id, long snapshotId, Expression filter, List<String> columns) {
    return select(IcebergGenerics.read(lakehouse.table(id)).useSnapshot(snapshotId), columns)
        .where(filter)
        .build();
  }

  /** Number of rows in the current snapshot, from the snapshot summary (no data is read). */
  public long rowCount(TableIdentifier id) {
    return status(id).rowCount();
  }

  /** The current snapshot, empty for a table never written to. */
  public Optional<Snapshot> currentSnapshot(TableIdentifier id) {
    return Optional.ofNullable(lakehouse.table(id).currentSnapshot());
  }

  /** Row count, snapshot id and commit time of the current snapshot. */
  public TableStatus status(TableIdentifier id) {
    Table table = lakehouse.table(id);
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return new TableStatus(id, 0L, null, null);
    }
    String total = current.summary().get(SnapshotSummary.TOTAL_RECORDS_PROP);
    long rows;
    if (total != null) {
      rows = Long.parseLong(total);
    } else {
      try (CloseableIterable<Record> all = IcebergGenerics.read(table).build()) {
        long n = 0;
        for (Record ignored : all) {
          n++;
        }
        rows = n;
      } catch (IOException e) {
        throw new UncheckedIOException("counting rows of " + id, e);
      }
    }
    return new TableStatus(
        id, rows, current.snapshotId(), Instant.ofEpochMilli(current.timestampMillis()));
  }

  /**
   * The rows appended by the append snapshots after {@code fromSnapshotExclusive} up to and
   * including {@code toSnapshotInclusive}; snapshots that delete or overwrite are skipped.
   *
   * @param fromSnapshotExclusive the last snapshot already processed, or {@code null} to start from
   *     the oldest snapshot still in the table's history
   * @throws IllegalArgumentException when {@code fromSnapshotExclusive} is not an ancestor of
   *     {@code toSnapshotInclusive}
   */
  public List<Record> scanAppends(
      TableIdentifier id, Long fromSnapshotExclusive, long toSnapshotInclusive) {
    return scanAppends(id, fromSnapshotExclusive, toSnapshotInclusive, Expressions.alwaysTrue());
  }

  /** {@link #scanAppends(TableIdentifier, Long, long)} restricted to rows matching a filter. */
  public List<Record> scanAppends(
      TableIdentifier id, Long fromSnapshotExclusive, long toSnapshotInclusive, Expression filter) {
    try (CloseableIterable<Record> rows =
        openAppends(id, fromSnapshotExclusive, toSnapshotInclusive, filter, ALL_COLUMNS)) {
      return collect(rows);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "scanning appends of "
              + id
              + " after "
              + fromSnapshotExclusive
              + " up to "
              + toSnapshotInclusive,
          e);
    }
  }

  /**
   * A lazy {@link #scanAppends(TableIdentifier, Long, long, Expression)} reading only {@code
   * columns} (all when empty), for consumers that must not hold a large backlog in memory; the
   * caller closes it.
   */
  public CloseableIterable<Record> openAppends(
      TableIdentifier id,
      Long fromSnapshotExclusive,
      long toSnapshotInclusive,
      Expression filter,
      List<String> columns) {
    Table table = lakehouse.table(id);
    if (table.snapshot(toSnapshotInclusive) == null) {
      throw new IllegalArgumentException(
          "snapshot " + toSnapshotInclusive + " is not in the history of " + id);
    }
    if (fromSnapshotExclusive != null && fromSnapshotExclusive == toSnapshotInclusive) {
      return CloseableIterable.empty();
    }
    if (fromSnapshotExclusive != null) {
      return appendsBetween(table, fromSnapshotExclusive, toSnapshotInclusive, filter, columns);
    }
    Snapshot oldest = oldestAncestor(table, toSnapshotInclusive);
    // the oldest snapshot has no parent, so everything it holds is what it added
    CloseableIterable<Record> first =
        DataOperations.APPEND.equals(oldest.operation())
            ? openAt(id, oldest.snapshotId(), filter, columns)
            : CloseableIterable.empty();
    if (oldest.snapshotId() == toSnapshotInclusive) {
      return first;
    }
    return CloseableIterable.concat(
        List.of(
            first,
            appendsBetween(table, oldest.snapshotId(), toSnapshotInclusive, filter, columns)));
  }

  private static CloseableIterable<Record> appendsBetween(
      Table table, long from, long to, Expression filter, List<String> columns) {
    return select(IcebergGenerics.read(table), columns)
        .where(filter)
        .appendsBetween(from, to)
        .build();
  }

  private static IcebergGenerics.ScanBuilder select(
      IcebergGenerics.ScanBuilder scan, List<String> columns) {
    return columns.isEmpty() ? scan : scan.select(columns);
  }

  private static Snapshot oldestAncestor(Table table, long snapshotId) {
    Snapshot s = table.snapshot(snapshotId);
    while (s.parentId() != null && table.snapshot(s.parentId()) != null) {
      s = table.snapshot(s.parentId());
    }
    return s;
  }

  private static List<Record> collect(CloseableIterable<Record> rows) {
    List<Record> list = new ArrayList<>();
    rows.forEach(list::add);
    return list;
  }
}
