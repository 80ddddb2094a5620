package org.vitalake.serving.lakehouse;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.expressions.Expressions;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.TableScanner;

/**
 * A whole table loaded into memory as a value of type {@code T}, reloaded when the table has a new
 * snapshot; readers always see one complete snapshot, never a mix.
 *
 * <p>Checking for a new snapshot refreshes the table's metadata pointer only, which is one catalog
 * query while nothing changes.
 */
public final class SnapshotCache<T> implements RefreshableView {

  private record Loaded<T>(Long snapshotId, T value, Instant loadedAt) {}

  private final Lakehouse lakehouse;
  private final TableScanner scanner;
  private final TableIdentifier id;
  private final Function<List<Record>, T> loader;
  private final T empty;
  private final boolean missingIsEmpty;
  private Table table;
  private volatile Loaded<T> loaded;

  /**
   * @param loader builds the value from every row of a snapshot
   * @param empty the value before the first load
   */
  public SnapshotCache(
      Lakehouse lakehouse,
      TableScanner scanner,
      TableIdentifier id,
      Function<List<Record>, T> loader,
      T empty) {
    this(lakehouse, scanner, id, loader, empty, false);
  }

  /**
   * @param missingIsEmpty whether a table that does not exist yet loads as {@code empty} (for a
   *     table another service creates on its first write, whose absence means "nothing yet")
   *     instead of failing the refresh
   */
  public SnapshotCache(
      Lakehouse lakehouse,
      TableScanner scanner,
      TableIdentifier id,
      Function<List<Record>, T> loader,
      T empty,
      boolean missingIsEmpty) {
    this.lakehouse = Objects.requireNonNull(lakehouse, "lakehouse");
    this.scanner = Objects.requireNonNull(scanner, "scanner");
    this.id = Objects.requireNonNull(id, "id");
    this.loader = Objects.requireNonNull(loader, "loader");
    this.empty = Objects.requireNonNull(empty, "empty");
    this.missingIsEmpty = missingIsEmpty;
  }

  @Override
  public String name() {
    return id.toString();
  }

  @Override
  public synchronized boolean refresh() {
    if (table == null) {
      try {
        table = lakehouse.table(id);
      } catch (NoSuchTableException e) {
        if (!missingIsEmpty) {
          throw e;
        }
        boolean first = loaded == null;
        loaded = new Loaded<>(null, empty, Instant.now());
        return first;
      }
    } else {
      table.refresh();
    }
    Snapshot current = table.currentSnapshot();
    Long snapshotId = current == null ? null : current.snapshotId();
    Loaded<T> before = loaded;
    if (before != null && Objects.equals(before.snapshotId(), snapshotId)) {
      return false;
    }
    List<Record> rows =
        snapshotId == null ? List.of() : scanner.scanAt(id, snapshotId, Expressions.alwaysTrue());
    loaded = new Loaded<>(snapshotId, loader.apply(rows), Instant.now());
    return true;
  }

  /** The loaded value, or the empty value before the first load. */
  public T value() {
    Loaded<T> l = loaded;
    return l == null ? empty : l.value();
  }

  @Override
  public Optional<Long> snapshotId() {
    Loaded<T> l = loaded;
    return l == null ? Optional.empty() : Optional.ofNullable(l.snapshotId());
  }

  @Override
  public boolean loaded() {
    return loaded != null;
  }
}
