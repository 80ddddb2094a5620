package org.vitalake.ingest.importer;

import java.util.List;
import org.vitalake.core.journal.RecordedJournalEntry;
import org.vitalake.core.sample.RecordedSample;

/** Port to where imported rows go: each call returns once its rows are committed. */
public interface ImportCommitter {

  /** Commits samples; throws when their commit failed (then none of them is stored). */
  void commitSamples(List<RecordedSample> samples) throws InterruptedException;

  /** Commits journal entries; throws when their commit failed. */
  void commitEntries(List<RecordedJournalEntry> entries) throws InterruptedException;
}
