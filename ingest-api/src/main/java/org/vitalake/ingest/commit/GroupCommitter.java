package org.vitalake.ingest.commit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
 * GroupCommitSettings#maxDelay()}, or as soon as {@link GroupCommitSettings#maxBatchItems()} items
 * are waiting. A submission is never split: all its items are in exactly one commit, and its future
 * completes only after that commit succeeded, or fails when it failed (together with every other
 * submission of that commit). Nothing is acknowledged before it is committed.
 *
 * <p>Worker threads commit one batch each; while they commit, the next batch gathers. {@link
 * #close()} refuses new submissions and commits everything already submitted.
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
  private int inFlightItems;
  private boolean closed;

  private record Pending<T>(List<T> items, CompletableFuture<CommitReceipt> future, long since) {}

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
    for (int i = 0; i < workers; i++) {
      Thread t = new Thread(this::run, "commit-" + name + "-" + i);
      t.setDaemon(true);
      this.workers.add(t);
      t.start();
    }
  }

  /**
   * Queues {@code items} for the next commit without blocking.
   *
   * @return completes after the commit holding the items succeeded; fails with {@link
   *     CommitFailedException} when it failed
   * @throws CommitQueueFullException when the pending-item limit would be exceeded
   * @throws IllegalStateException when the committer is closed
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
      return enqueue(items);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Queues {@code items}, waiting while the pending-item limit is reached (back-pressure for bulk
   * importers), then waits for their commit.
   *
   * @throws CommitFailedException when the commit holding the items failed
   * @throws InterruptedException when interrupted; the items may still be committed
   */
  public CommitReceipt submitAndWait(List<T> items) throws InterruptedException {
    requireItems(items);
    CompletableFuture<CommitReceipt> future;
    lock.lockInterruptibly();
    try {
      while (!closed && wouldOverflow(items.size())) {
        changed.await();
      }
      requireOpen();
      future = enqueue(items);
    } finally {
      lock.unlock();
    }
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CommitFailedException failed) {
        throw failed;
      }
      throw new CommitFailedException(name + ": commit failed", e.getCause());
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

  private CompletableFuture<CommitReceipt> enqueue(List<T> items) {
    CompletableFuture<CommitReceipt> future = new CompletableFuture<>();
    queue.addLast(new Pending<>(List.copyOf(items), future, System.nanoTime()));
    queuedItems += items.size();
    changed.signalAll();
    return future;
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException(name + ": the committer is shut down");
    }
  }

  private static void requireItems(List<?> items) {
    Objects.requireNonNull(items, "items");
    if (items.isEmpty()) {
      throw new IllegalArgumentException("nothing to commit: items is empty");
    }
  }

  private void run() {
    while (true) {
      List<Pending<T>> batch;
      int items;
      lock.lock();
      try {
        while (queue.isEmpty() && !closed) {
          changed.awaitUninterruptibly();
        }
        if (queue.isEmpty()) {
          return; // closed and drained
        }
        long deadline = queue.peekFirst().since() + settings.maxDelay().toNanos();
        while (!closed && !queue.isEmpty() && queuedItems < settings.maxBatchItems()) {
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
        batch = new ArrayList<>();
        items = 0;
        do {
          Pending<T> next = queue.pollFirst();
          batch.add(next);
          items += next.items().size();
        } while (!queue.isEmpty()
            && items + queue.peekFirst().items().size() <= settings.maxBatchItems());
        queuedItems -= items;
        inFlightItems += items;
      } finally {
        lock.unlock();
      }
      commit(batch, items);
    }
  }

  private void commit(List<Pending<T>> batch, int items) {
    List<T> all = new ArrayList<>(items);
    for (Pending<T> p : batch) {
      all.addAll(p.items());
    }
    long start = System.nanoTime();
    Throwable failure = null;
    try {
      sink.append(all);
    } catch (Throwable t) {
      failure = t;
    }
    long nanos = System.nanoTime() - start;
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
