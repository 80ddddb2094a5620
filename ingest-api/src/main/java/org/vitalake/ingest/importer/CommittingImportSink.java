package org.vitalake.ingest.importer;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.vitalake.core.id.IngestId;
import org.vitalake.core.journal.JournalEntry;
import org.vitalake.core.journal.RecordedJournalEntry;
import org.vitalake.core.sample.RecordedSample;
import org.vitalake.core.sample.Sample;

/**
 * Gathers an import's rows into batches and commits them, counting what was read, committed and
 * rejected into the import's progress. One sample batch commits while the next one is read, so
 * reading overlaps committing; a batch counts as accepted once its commit succeeded.
 *
 * <p>Each batch's rows are stamped {@code received_at} when the batch is handed to the committer,
 * not when the import started: the nightly pipeline may find new rows by their arrival time, which
 * must stay close to their commit however long the import runs.
 */
final class CommittingImportSink implements ImportSink {

  static final int ENTRY_BATCH = 5_000;

  private final ImportCommitter committer;
  private final int sampleBatch;
  private final ImportProgress progress;
  private final IngestId ingestId;
  private final Clock clock;
  private final String rawRef;
  private final List<Sample> samples = new ArrayList<>();
  private final List<JournalEntry> entries = new ArrayList<>();
  private CompletableFuture<?> committing;
  private int committingSize;

  /**
   * @param sampleBatch samples per commit
   */
  CommittingImportSink(
      ImportCommitter committer,
      int sampleBatch,
      ImportProgress progress,
      IngestId ingestId,
      Clock clock,
      String rawRef) {
    if (sampleBatch < 1) {
      throw new IllegalArgumentException("sampleBatch must be at least 1, was " + sampleBatch);
    }
    this.committer = committer;
    this.sampleBatch = sampleBatch;
    this.progress = progress;
    this.ingestId = ingestId;
    this.clock = clock;
    this.rawRef = rawRef;
  }

  @Override
  public void recordRead() {
    progress.rowsRead.incrementAndGet();
  }

  @Override
  public void accept(Sample sample) {
    samples.add(sample);
    if (samples.size() >= sampleBatch) {
      flushSamples();
    }
  }

  @Override
  public void accept(JournalEntry entry) {
    entries.add(entry);
    if (entries.size() >= ENTRY_BATCH) {
      flushEntries();
    }
  }

  @Override
  public void reject(Rejection rejection) {
    progress.reject(rejection);
  }

  /** Commits what is still gathered and waits for every commit. */
  void flush() {
    flushSamples();
    awaitCommitting();
    flushEntries();
  }

  /**
   * After a failure: waits for the batch still committing, if any, and counts it when it was
   * committed, so the progress names every row stored; its failure is not reported again.
   */
  void settle() {
    try {
      awaitCommitting();
    } catch (RuntimeException e) {
      // the import already failed for another reason, which is the one to report
    }
  }

  private void flushSamples() {
    if (samples.isEmpty()) {
      return;
    }
    Instant receivedAt = now();
    List<RecordedSample> batch = new ArrayList<>(samples.size());
    for (Sample sample : samples) {
      batch.add(new RecordedSample(sample, ingestId, receivedAt, rawRef));
    }
    samples.clear();
    CompletableFuture<?> next;
    try {
      next = committer.queueSamples(batch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the import was interrupted while committing", e);
    }
    awaitCommitting();
    committing = next;
    committingSize = batch.size();
  }

  private void awaitCommitting() {
    if (committing == null) {
      return;
    }
    CompletableFuture<?> pending = committing;
    committing = null;
    try {
      pending.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the import was interrupted while committing", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException failure
          ? failure
          : new IllegalStateException(e.getCause());
    }
    progress.accepted.addAndGet(committingSize);
  }

  private void flushEntries() {
    if (entries.isEmpty()) {
      return;
    }
    Instant receivedAt = now();
    List<RecordedJournalEntry> batch = new ArrayList<>(entries.size());
    for (JournalEntry entry : entries) {
      batch.add(new RecordedJournalEntry(entry, ingestId, receivedAt, rawRef));
    }
    entries.clear();
    try {
      committer.commitEntries(batch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the import was interrupted while committing", e);
    }
    progress.accepted.addAndGet(batch.size());
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
