package org.vitalake.ingest.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GroupCommitterTest {

  /** Records each batch; can be held closed to let submissions pile up. */
  private static final class RecordingSink implements BatchSink<Integer> {
    final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch open = new CountDownLatch(1);
    final CountDownLatch entered = new CountDownLatch(1);
    volatile boolean fail;

    @Override
    public void append(List<Integer> items) {
      entered.countDown();
      try {
        open.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (fail) {
        throw new IllegalStateException("catalog unavailable");
      }
      batches.add(List.copyOf(items));
    }
  }

  @Test
  void gathersSubmissionsWaitingDuringACommitIntoOneCommit() throws InterruptedException {
    // given: the first commit is held while three more submissions arrive
    RecordingSink sink = new RecordingSink();
    try (GroupCommitter<Integer> committer = committer(sink, Duration.ZERO, 100, 1_000)) {
      CompletableFuture<CommitReceipt> first = committer.submit(List.of(1));
      sink.entered.await();
      List<CompletableFuture<CommitReceipt>> rest = new ArrayList<>();
      for (int i = 2; i <= 4; i++) {
        rest.add(committer.submit(List.of(i, i * 10)));
      }

      // when
      sink.open.countDown();

      // then
      assertThat(first.join().requestsInCommit()).isEqualTo(1);
      rest.forEach(f -> assertThat(f.join().requestsInCommit()).isEqualTo(3));
      assertThat(sink.batches).containsExactly(List.of(1), List.of(2, 20, 3, 30, 4, 40));
    }
  }

  @Test
  void neverSplitsASubmissionAcrossCommits() {
    RecordingSink sink = new RecordingSink();
    sink.open.countDown();
    try (GroupCommitter<Integer> committer = committer(sink, Duration.ofMillis(50), 3, 100)) {
      CompletableFuture<CommitReceipt> big = committer.submit(List.of(1, 2, 3, 4, 5));

      assertThat(big.join().itemsInCommit()).isEqualTo(5);
      assertThat(sink.batches).containsExactly(List.of(1, 2, 3, 4, 5));
    }
  }

  @Test
  void failsEverySubmissionOfAFailedCommitAndKeepsWorking() {
    // given
    RecordingSink sink = new RecordingSink();
    sink.fail = true;
    try (GroupCommitter<Integer> committer = committer(sink, Duration.ofMillis(20), 100, 1_000)) {
      CompletableFuture<CommitReceipt> a = committer.submit(List.of(1));
      CompletableFuture<CommitReceipt> b = committer.submit(List.of(2));

      // when
      sink.open.countDown();

      // then
      assertThatThrownBy(a::join)
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(CommitFailedException.class);
      assertThatThrownBy(b::join).hasCauseInstanceOf(CommitFailedException.class);
      sink.fail = false;
      assertThat(committer.submit(List.of(3)).join().itemsInCommit()).isEqualTo(1);
      assertThat(sink.batches).containsExactly(List.of(3));
    }
  }

  @Test
  void refusesSubmissionsBeyondThePendingLimit() {
    RecordingSink sink = new RecordingSink();
    try (GroupCommitter<Integer> committer = committer(sink, Duration.ZERO, 2, 4)) {
      committer.submit(List.of(1, 2, 3));

      assertThatThrownBy(() -> committer.submit(List.of(4, 5)))
          .isInstanceOf(CommitQueueFullException.class)
          .hasMessageContaining("limit 4");
      sink.open.countDown();
    }
  }

  @Test
  void commitsWhatWasSubmittedWhenClosed() {
    RecordingSink sink = new RecordingSink();
    GroupCommitter<Integer> committer = committer(sink, Duration.ofHours(1), 1_000, 10_000);
    CompletableFuture<CommitReceipt> pending = committer.submit(List.of(7));
    sink.open.countDown();

    committer.close();

    assertThat(pending).isCompleted();
    assertThat(sink.batches).containsExactly(List.of(7));
    assertThatThrownBy(() -> committer.submit(List.of(8)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void commitsABulkSubmissionWithoutWaitingForOthers() throws Exception {
    // given: a delay no test would sit out, and a request already waiting for it
    RecordingSink sink = new RecordingSink();
    sink.open.countDown();
    try (GroupCommitter<Integer> committer = committer(sink, Duration.ofHours(1), 1_000, 10_000)) {
      CompletableFuture<CommitReceipt> request = committer.submit(List.of(1));

      // when: an importer queues its batch
      CompletableFuture<CommitReceipt> bulk = committer.submitWhenCapacity(List.of(2, 3));

      // then: its commit starts at once and takes the waiting request along
      assertThat(bulk.get(20, TimeUnit.SECONDS).requestsInCommit()).isEqualTo(2);
      assertThat(request).isCompleted();
      assertThat(committer.submitAndWait(List.of(4)).itemsInCommit()).isEqualTo(1);
      assertThat(sink.batches).containsExactly(List.of(1, 2, 3), List.of(4));

      // and: a later request waits for the delay again, as bulk submissions are no longer queued
      CompletableFuture<CommitReceipt> later = committer.submit(List.of(5));
      assertThatThrownBy(() -> later.get(300, TimeUnit.MILLISECONDS))
          .isInstanceOf(TimeoutException.class);
    }
  }

  /** Stages by recording, commits by appending to {@code committed}; commits can be held. */
  private static final class StagingSink implements StagingBatchSink<Integer> {
    final List<List<Integer>> stagedBatches = Collections.synchronizedList(new ArrayList<>());
    final List<List<Integer>> committed = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch commitsOpen = new CountDownLatch(1);
    final CountDownLatch secondStaged = new CountDownLatch(1);
    volatile Integer failStagingOf;

    @Override
    public Staged stage(List<Integer> items) {
      if (items.contains(failStagingOf)) {
        throw new IllegalStateException("cannot write data files");
      }
      stagedBatches.add(List.copyOf(items));
      if (stagedBatches.size() == 2) {
        secondStaged.countDown();
      }
      return () -> {
        try {
          commitsOpen.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        committed.add(List.copyOf(items));
      };
    }
  }

  @Test
  void stagesTheNextBatchWhileThePreviousCommitsAndCommitsInOrder() throws Exception {
    // given: the first commit is held
    StagingSink sink = new StagingSink();
    try (GroupCommitter<Integer> committer =
        new GroupCommitter<>(
            "test",
            sink,
            new GroupCommitSettings(Duration.ZERO, 100, 1_000),
            1,
            CommitListener.NONE)) {
      CompletableFuture<CommitReceipt> first = committer.submit(List.of(1));
      await().until(() -> sink.stagedBatches.size() == 1);
      CompletableFuture<CommitReceipt> second = committer.submit(List.of(2));

      // when: the second batch is staged although the first has not committed
      boolean stagedAhead = sink.secondStaged.await(20, TimeUnit.SECONDS);
      boolean acknowledgedEarly = first.isDone() || second.isDone();
      sink.commitsOpen.countDown();

      // then
      assertThat(stagedAhead).isTrue();
      assertThat(acknowledgedEarly).as("acknowledged before its commit").isFalse();
      assertThat(first.join().commitNumber()).isLessThan(second.join().commitNumber());
      assertThat(sink.committed).containsExactly(List.of(1), List.of(2));
    }
  }

  @Test
  void refusesOnlyTheBatchWhoseStagingFailed() {
    // given
    StagingSink sink = new StagingSink();
    sink.failStagingOf = 2;
    sink.commitsOpen.countDown();
    try (GroupCommitter<Integer> committer =
        new GroupCommitter<>(
            "test",
            sink,
            new GroupCommitSettings(Duration.ZERO, 1, 1_000),
            1,
            CommitListener.NONE)) {
      // when
      CompletableFuture<CommitReceipt> bad = committer.submit(List.of(2));
      CompletableFuture<CommitReceipt> good = committer.submit(List.of(3));

      // then
      assertThatThrownBy(bad::join).hasCauseInstanceOf(CommitFailedException.class);
      assertThat(good.join().itemsInCommit()).isEqualTo(1);
      assertThat(sink.committed).containsExactly(List.of(3));
    }
  }

  private static GroupCommitter<Integer> committer(
      RecordingSink sink, Duration delay, int batch, int pending) {
    return new GroupCommitter<>(
        "test", sink, new GroupCommitSettings(delay, batch, pending), 1, CommitListener.NONE);
  }
}
