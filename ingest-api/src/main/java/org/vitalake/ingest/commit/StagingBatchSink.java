package org.vitalake.ingest.commit;

import java.util.List;

/**
 * A {@link BatchSink} whose commit has two stages: {@link #stage} prepares a batch without making
 * it visible (writes its data files), {@link Staged#commit()} makes it visible atomically. A {@link
 * GroupCommitter} stages the next batch while the previous one commits.
 */
public interface StagingBatchSink<T> extends BatchSink<T> {

  /** Prepares {@code items}; nothing of them is visible until the returned batch commits. */
  Staged stage(List<T> items);

  @Override
  default void append(List<T> items) {
    stage(items).commit();
  }

  /** A prepared batch. */
  interface Staged {

    /** Makes the batch visible in one atomic commit, or throws and stores none of it. */
    void commit();
  }
}
