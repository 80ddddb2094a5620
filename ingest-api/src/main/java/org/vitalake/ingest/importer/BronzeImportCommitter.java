package org.vitalake.ingest.importer;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.vitalake.core.journal.RecordedJournalEntry;
import org.vitalake.core.sample.RecordedSample;
import org.vitalake.ingest.commit.BronzeCommitService;

/**
 * Sends imported rows through the same group commit as {@code /sync}, waiting for capacity so a
 * large import slows down instead of crowding out live syncs.
 */
@Singleton
public class BronzeImportCommitter implements ImportCommitter {

  private final BronzeCommitService commits;

  public BronzeImportCommitter(BronzeCommitService commits) {
    this.commits = commits;
  }

  @Override
  public CompletableFuture<?> queueSamples(List<RecordedSample> samples)
      throws InterruptedException {
    return commits.queueSamples(samples);
  }

  @Override
  public void commitEntries(List<RecordedJournalEntry> entries) throws InterruptedException {
    commits.appendJournalEntries(entries);
  }
}
