package org.vitalake.serving.lakehouse;

import java.util.Optional;

/** An in-memory view of a lakehouse table that reloads when the table has a new snapshot. */
public interface RefreshableView {

  /** The table's name, for logs and health details. */
  String name();

  /**
   * Reloads the view when the table's current snapshot differs from the loaded one.
   *
   * @return whether it reloaded
   */
  boolean refresh();

  /** The snapshot the view holds, empty before the first load or for a table never written. */
  Optional<Long> snapshotId();

  /** Whether the view has loaded at least once. */
  boolean loaded();
}
