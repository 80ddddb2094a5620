package org.vitalake.ingest.commit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers the items of concurrent submissions into one commit of a {@link BatchSink}, so many small
 * requests cost one table commit instead of one each.
 *
 * <p>A commit starts when the oldest waiting submission has waited {@link
 * GroupCommitSettings#maxDelay()}, as soon as {@link GroupCommitSettings#maxBatchItems()} items are
 * waiting, or as soon as a bulk submission ({@link #submitWhenCapacity}, {@link #submitAndWait})
 * waits: a bulk importer's batch is large enough to pay for a commit of its own, so holding it back
 * for others would only stall the import (whatever else waits joins that commit). A submission is
 * never split: all its items are in exactly one commit, and its future completes only after that
 * commit succeeded, or fails when it failed (together with every other submission of that commit).
 * Nothing is acknowledged before it is committed.
 *
 * <p>With a plain {@link BatchSink}, worker threads commit one batch each; while they commit, the
 * next batch gathers. With a {@link StagingBatchSink} the commit is a pipeline: worker threads
 * gather and stage batches (write their data files) while one committer thread commits the staged
 * batches in the order they were gathered, so writing the next batch overlaps the previous commit.
 * Each worker stages at most one batch ahead of the commits, and starts staging the next batch
 * before the commit ends only once at least as many items wait as that commit holds, so batches do
 * not shrink (and commits multiply) when the cores are busy. {@link #close()} refuses new
 * submissions and commits everything already submitted.
 */
public final class GroupCommitter<T> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

  private final String name;
  private final BatchSink<T> sink;
  private final GroupCommitSettings settings;
  private final CommitListener listener;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Pending<T>> queue = new ArrayDeque<>();
  private final AtomicLong commits = new AtomicLong();
  private final List<Thread> workers = new ArrayList<>();
  private int queuedItems;
  private int queuedBulk;
  private int inFlightItems;
  private boolean closed;

  // pipeline (staging sinks only), guarded by lock: staged batches by their gathering order
  private final StagingBatchSink<T> staging;
  private final Semaphore stageAhead;
  private final TreeMap<Long, Staged<T>> staged = new TreeMap<>();
  private long gathered;
  private long committed;
  private int stagersRunning;
  private int committingItems;

  private record Pending<T>(
      List<T> items, CompletableFuture<CommitReceipt> future, long since, boolean bulk) {}

  /**
   * A gathered batch and its staging outcome (exactly one of {@code ready} and {@code failure}).
   */
  private record Staged<T>(
      List<Pending<T>> batch,
      int items,
      StagingBatchSink.Staged ready,
      Throwable failure,
      long stageNanos) {}

  private record Gathered<T>(List<Pending<T>> batch, int items, long sequence) {}

  /**
   * Starts {@code workers} committer threads.
   *
   * @param name names the threads and metrics, e.g. the table
   */
  public GroupCommitter(
      String name,
      BatchSink<T> sink,
      GroupCommitSettings settings,
      int workers,
      CommitListener listener) {
    this.name = Objects.requireNonNull(name, "name");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.listener = Objects.requireNonNull(listener, "listener");
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, was " + workers);
    }
    this.staging = sink instanceof StagingBatchSink<T> stagingSink ? stagingSink : null;
    this.stageAhead = staging == null ? null : new Semaphore(workers + 1);
    this.stagersRunning = staging == null ? 0 : workers;
    for (int i = 0; i < workers; i++) {
      Thread t =
          staging == null
              ? new Thread(this::run, "commit-" + name + "-" + i)
              : new Thread(this::stage, "stage-" + name + "-" + i);
      this.workers.add(t);
    }
    if (staging != null) {
      this.workers.add(new Thread(this::commitStaged, "commit-" + name));
    }
    for (Thread t : this.workers) {
      t.setDaemon(true);
      t.start();
    }
  }

  /**
   * Queues {@code items} for the next commit without blocking.
   *
   * @return completes after the commit holding the items succeeded; fails with {@link
   *     CommitFailedException} when it failed
   * @throws CommitQueueFullException when the pending-item limit would be exceeded
   * @throws CommitterClosedException when the committer is closed
   */
  public CompletableFuture<CommitReceipt> submit(List<T> items) {
    requireItems(items);
    lock.lock();
    try {
      requireOpen();
      if (wouldOverflow(items.size())) {
        throw new CommitQueueFullException(
            name
                + ": "
                + (queuedItems + inFlightItems)
                + " items are waiting for a commit (limit "
                + settings.maxPendingItems()
                + "); retry shortly");
      }
      return enqueue(items, false);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Queues {@code items}, waiting while the pending-item limit is reached (back-pressure for bulk
   * importers), then waits for their commit, which starts without waiting for other submissions.
   *
   * @throws CommitFailedException when the commit holding the items failed
   * @throws InterruptedException when interrupted; the items may still be committed
   */
  public CommitReceipt submitAndWait(List<T> items) throws InterruptedException {
    CompletableFuture<CommitReceipt> future = submitWhenCapacity(items);
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CommitFailedException failed) {
        throw failed;
      }
      throw new CommitFailedException(name + ": commit failed", e.getCause());
    }
  }

  /**
   * Queues {@code items}, waiting while the pending-item limit is reached (back-pressure for bulk
   * importers), without waiting for their commit, which starts without waiting for other
   * submissions.
   *
   * @return completes after the commit holding the items succeeded; fails with {@link
   *     CommitFailedException} when it failed
   * @throws InterruptedException when interrupted before the items were queued
   */
  public CompletableFuture<CommitReceipt> submitWhenCapacity(List<T> items)
      throws InterruptedException {
    requireItems(items);
    lock.lockInterruptibly();
    try {
      while (!closed && wouldOverflow(items.size())) {
        changed.await();
      }
      requireOpen();
      return enqueue(items, true);
    } finally {
      lock.unlock();
    }
  }

  /** Number of commits made so far by this committer. */
  public long commitCount() {
    return commits.get();
  }

  /** Items submitted and not yet committed (waiting or being committed). */
  public int pendingItems() {
    lock.lock();
    try {
      return queuedItems + inFlightItems;
    } finally {
      lock.unlock();
    }
  }

  /** Refuses new submissions, commits everything already submitted, then stops the workers. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    for (Thread worker : workers) {
      try {
        worker.join(TimeUnit.MINUTES.toMillis(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private boolean wouldOverflow(int size) {
    int pending = queuedItems + inFlightItems;
    // an empty committer always takes a submission, however large, so nothing waits forever
    return pending > 0 && pending + size > settings.maxPendingItems();
  }

  private CompletableFuture<CommitReceipt> enqueue(List<T> items, boolean bulk) {
    CompletableFuture<CommitReceipt> future = new CompletableFuture<>();
    queue.addLast(new Pending<>(List.copyOf(items), future, System.nanoTime(), bulk));
    queuedItems += items.size();
    if (bulk) {
      queuedBulk++;
    }
    changed.signalAll();
    return future;
  }

  private void requireOpen() {
    if (closed) {
      throw new CommitterClosedException(name + ": the committer is shut down");
    }
  }

  private static void requireItems(List<?> items) {
    Objects.requireNonNull(items, "items");
    if (items.isEmpty()) {
      throw new IllegalArgumentException("nothing to commit: items is empty");
    }
  }

  /** A worker committing whole batches (plain sinks). */
  private void run() {
    while (true) {
      Gathered<T> next = gather();
      if (next == null) {
        return; // closed and drained
      }
      long start = System.nanoTime();
      Throwable failure = null;
      try {
        sink.append(itemsOf(next.batch(), next.items()));
      } catch (Throwable t) {
        failure = t;
      }
      finish(next.batch(), next.items(), failure, System.nanoTime() - start);
    }
  }

  /** A worker gathering and staging batches for the committer thread (staging sinks). */
  private void stage() {
    while (true) {
      stageAhead.acquireUninterruptibly();
      Gathered<T> next = gather();
      if (next == null) {
        stageAhead.release();
        lock.lock();
        try {
          stagersRunning--;
          changed.signalAll();
        } finally {
          lock.unlock();
        }
        return;
      }
      long start = System.nanoTime();
      StagingBatchSink.Staged ready = null;
      Throwable failure = null;
      try {
        ready = staging.stage(itemsOf(next.batch(), next.items()));
      } catch (Throwable t) {
        failure = t;
      }
      Staged<T> outcome =
          new Staged<>(next.batch(), next.items(), ready, failure, System.nanoTime() - start);
      lock.lock();
      try {
        staged.put(next.sequence(), outcome);
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** The committer thread: commits staged batches in the order they were gathered. */
  private void commitStaged() {
    while (true) {
      Staged<T> next;
      lock.lock();
      try {
        while (!staged.containsKey(committed)) {
          if (stagersRunning == 0 && staged.isEmpty()) {
            return; // closed and drained
          }
          changed.awaitUninterruptibly();
        }
        next = staged.remove(committed);
        committed++;
        committingItems = next.items();
      } finally {
        lock.unlock();
      }
      long start = System.nanoTime();
      Throwable failure = next.failure();
      if (failure == null) {
        try {
          next.ready().commit();
        } catch (Throwable t) {
          failure = t;
        }
      }
      lock.lock();
      try {
        committingItems = 0;
      } finally {
        lock.unlock();
      }
      finish(next.batch(), next.items(), failure, next.stageNanos() + System.nanoTime() - start);
      stageAhead.release();
    }
  }

  /**
   * Takes the next batch once its oldest submission waited long enough or enough items wait.
   *
   * @return null when closed and nothing is left
   */
  private Gathered<T> gather() {
    lock.lock();
    try {
      while (true) {
        while (queue.isEmpty() && !closed) {
          changed.awaitUninterruptibly();
        }
        if (queue.isEmpty()) {
          return null;
        }
        // staging ahead must not cut batches smaller than the one committing: more, smaller
        // commits cost more than the overlap saves when the cores are busy anyway
        while (!closed
            && committingItems > 0
            && queuedItems < Math.min(committingItems, settings.maxBatchItems())) {
          changed.awaitUninterruptibly();
        }
        if (queue.isEmpty()) {
          continue; // another worker took it meanwhile
        }
        long deadline = queue.peekFirst().since() + settings.maxDelay().toNanos();
        while (!closed
            && !queue.isEmpty()
            && queuedItems < settings.maxBatchItems()
            && queuedBulk == 0) {
          long wait = deadline - System.nanoTime();
          if (wait <= 0) {
            break;
          }
          try {
            changed.awaitNanos(wait);
          } catch (InterruptedException e) {
            // keep committing: pending callers are waiting for this thread
            Thread.interrupted();
          }
        }
        if (queue.isEmpty()) {
          continue; // another worker took it meanwhile
        }
        List<Pending<T>> batch = new ArrayList<>();
        int items = 0;
        do {
          Pending<T> next = queue.pollFirst();
          batch.add(next);
          items += next.items().size();
          if (next.bulk()) {
            queuedBulk--;
          }
        } while (!queue.isEmpty()
            && items + queue.peekFirst().items().size() <= settings.maxBatchItems());
        queuedItems -= items;
        inFlightItems += items;
        return new Gathered<>(batch, items, gathered++);
      }
    } finally {
      lock.unlock();
    }
  }

  private List<T> itemsOf(List<Pending<T>> batch, int items) {
    List<T> all = new ArrayList<>(items);
    for (Pending<T> p : batch) {
      all.addAll(p.items());
    }
    return all;
  }

  /** Completes every submission of a batch: acknowledged when committed, refused when not. */
  private void finish(List<Pending<T>> batch, int items, Throwable failure, long nanos) {
    lock.lock();
    try {
      inFlightItems -= items;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (failure == null) {
      CommitReceipt receipt = new CommitReceipt(commits.incrementAndGet(), batch.size(), items);
      listener.committed(name, batch.size(), items, nanos);
      batch.forEach(p -> p.future().complete(receipt));
    } else {
      LOG.error(
          "{}: commit of {} items from {} submissions failed; all of them are refused",
          name,
          items,
          batch.size(),
          failure);
      listener.failed(name, batch.size(), items, nanos, failure);
      CommitFailedException e =
          new CommitFailedException(
              name + ": the commit holding this request failed: " + failure.getMessage(), failure);
      // the worker survives: a failed commit fails its requests, never the service
      batch.forEach(p -> p.future().completeExceptionally(e));
    }
  }
}
