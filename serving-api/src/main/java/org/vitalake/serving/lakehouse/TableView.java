package org.vitalake.serving.lakehouse;

import java.util.Objects;
import java.util.Optional;

/**
 * A store that serves one lakehouse table from memory, kept current by {@link ViewRefresher}; the
 * store only says how the table's rows become its value.
 *
 * @param <T> what the store reads from, built anew from every row of each snapshot
 */
public abstract class TableView<T> implements RefreshableView {

  private final SnapshotCache<T> cache;

  /**
   * @param cache loads the table and builds the store's value from each snapshot
   */
  protected TableView(SnapshotCache<T> cache) {
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  /** The value of the loaded snapshot, or the empty value before the first load. */
  protected final T value() {
    return cache.value();
  }

  @Override
  public final String name() {
    return cache.name();
  }

  @Override
  public final boolean refresh() {
    return cache.refresh();
  }

  @Override
  public final Optional<Long> snapshotId() {
    return cache.snapshotId();
  }

  @Override
  public final boolean loaded() {
    return cache.loaded();
  }
}
