package org.vitalake.ingest.commit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.vitalake.core.journal.RecordedJournalEntry;
import org.vitalake.core.sample.RecordedSample;
import org.vitalake.ingest.IngestProperties;
import org.vitalake.lakehouse.BronzeRecords;
import org.vitalake.lakehouse.StructRow;

/**
 * The one path into bronze: wearable samples and journal entries are group-committed, one Iceberg
 * commit per table for many concurrent requests.
 *
 * <p>HTTP requests use the non-blocking {@code submit...} methods, which refuse work beyond the
 * pending limit; bulk importers use the blocking {@code append...} methods, which wait for capacity
 * (back-pressure) and then for the commit. Either way, a method returns successfully only after the
 * items are committed.
 *
 * <p>Created at start-up ({@link Context}), so a service that cannot reach its lakehouse fails to
 * start instead of failing its first requests.
 */
@Context
public class BronzeCommitService implements AutoCloseable {

  private final GroupCommitter<StructRow> samples;
  private final GroupCommitter<RecordedJournalEntry> journal;

  public BronzeCommitService(
      @Named("wearable_samples") BatchSink<StructRow> sampleSink,
      @Named("journal_entries") BatchSink<RecordedJournalEntry> journalSink,
      IngestProperties properties,
      MeterRegistry registry) {
    GroupCommitSettings settings =
        new GroupCommitSettings(
            properties.getCommitMaxDelay(),
            properties.getCommitMaxBatchItems(),
            properties.getCommitMaxPendingItems());
    CommitListener metrics = new MetricsListener(registry);
    this.samples =
        new GroupCommitter<>(
            "wearable_samples", sampleSink, settings, properties.getCommitWorkers(), metrics);
    this.journal = new GroupCommitter<>("journal_entries", journalSink, settings, 1, metrics);
    registry.gauge("vitalake.ingest.pending.items", samples, GroupCommitter::pendingItems);
  }

  /**
   * Queues samples for the next commit of {@code bronze.wearable_samples}.
   *
   * @throws CommitQueueFullException when too many items wait already (answer 503, retry later)
   */
  public CompletableFuture<CommitReceipt> submitSamples(List<RecordedSample> items) {
    return samples.submit(rows(items));
  }

  /**
   * For importers: appends already-validated samples through the same group commit, waiting while
   * the pending limit is reached, and returns once they are committed.
   *
   * @throws CommitFailedException when their commit failed (nothing of them is stored)
   */
  public CommitReceipt appendSamples(List<RecordedSample> items) throws InterruptedException {
    return samples.submitAndWait(rows(items));
  }

  /**
   * The bronze rows of {@code items}, built (sample keys included) on the caller's thread, so
   * request threads share that work instead of queueing it in front of the one committer.
   */
  private static List<StructRow> rows(List<RecordedSample> items) {
    List<StructRow> rows = new ArrayList<>(items.size());
    for (RecordedSample item : items) {
      rows.add(BronzeRecords.sampleRow(item));
    }
    return rows;
  }

  /**
   * For importers: queues already-validated samples, waiting while the pending limit is reached, so
   * the importer can read on while they commit.
   *
   * @return completes once they are committed; fails with {@link CommitFailedException} when their
   *     commit failed (nothing of them is stored)
   */
  public CompletableFuture<CommitReceipt> queueSamples(List<RecordedSample> items)
      throws InterruptedException {
    return samples.submitWhenCapacity(rows(items));
  }

  /** Queues journal entries for the next commit of {@code bronze.journal_entries}. */
  public CompletableFuture<CommitReceipt> submitJournalEntries(List<RecordedJournalEntry> items) {
    return journal.submit(items);
  }

  /** For importers: {@link #appendSamples} for journal entries. */
  public CommitReceipt appendJournalEntries(List<RecordedJournalEntry> items)
      throws InterruptedException {
    return journal.submitAndWait(items);
  }

  /** Commits made to {@code bronze.wearable_samples} by this process. */
  public long sampleCommitCount() {
    return samples.commitCount();
  }

  /** Commits everything submitted, then refuses new work. */
  @PreDestroy
  @Override
  public void close() {
    samples.close();
    journal.close();
  }

  /** Commit latency, batch size and failures as Micrometer meters, tagged by table. */
  private static final class MetricsListener implements CommitListener {
    private final MeterRegistry registry;

    MetricsListener(MeterRegistry registry) {
      this.registry = registry;
    }

    @Override
    public void committed(String committer, int requests, int items, long nanos) {
      Timer.builder("vitalake.ingest.commit.latency")
          .description("time of one bronze commit (Parquet write + Iceberg commit)")
          .tag("table", committer)
          .publishPercentileHistogram()
          .register(registry)
          .record(nanos, TimeUnit.NANOSECONDS);
      DistributionSummary.builder("vitalake.ingest.commit.batch.items")
          .description("rows per bronze commit")
          .tag("table", committer)
          .register(registry)
          .record(items);
      DistributionSummary.builder("vitalake.ingest.commit.batch.requests")
          .description("requests sharing one bronze commit")
          .tag("table", committer)
          .register(registry)
          .record(requests);
    }

    @Override
    public void failed(String committer, int requests, int items, long nanos, Throwable cause) {
      registry.counter("vitalake.ingest.commit.failures", "table", committer).increment();
    }
  }
}
