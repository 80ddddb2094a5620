package org.vitalake.ingest.importer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.vitalake.core.journal.RecordedJournalEntry;
import org.vitalake.core.sample.RecordedSample;

/** Port to where imported rows go: each call returns once its rows are committed. */
public interface ImportCommitter {

  /**
   * Queues samples for a commit, waiting while too many rows wait for one.
   *
   * @return completes when they are committed; fails when their commit failed (then none of them is
   *     stored)
   */
  CompletableFuture<?> queueSamples(List<RecordedSample> samples) throws InterruptedException;

  /** Commits journal entries; throws when their commit failed. */
  void commitEntries(List<RecordedJournalEntry> entries) throws InterruptedException;
}
