package org.vitalake.ingest.commit;

import java.time.Duration;

/**
 * How a {@link GroupCommitter} gathers submissions.
 *
 * @param maxDelay how long the first pending submission waits for others before its commit starts
 * @param maxBatchItems commit as soon as this many items are pending (a single larger submission is
 *     committed alone, never split)
 * @param maxPendingItems back-pressure: items waiting for a commit beyond which submissions are
 *     refused ({@link GroupCommitter#submit}) or wait ({@link GroupCommitter#submitAndWait})
 */
public record GroupCommitSettings(Duration maxDelay, int maxBatchItems, int maxPendingItems) {

  public GroupCommitSettings {
    if (maxDelay == null || maxDelay.isNegative()) {
      throw new IllegalArgumentException("maxDelay must be zero or positive, was " + maxDelay);
    }
    if (maxBatchItems < 1) {
      throw new IllegalArgumentException("maxBatchItems must be at least 1, was " + maxBatchItems);
    }
    if (maxPendingItems < maxBatchItems) {
      throw new IllegalArgumentException(
          "maxPendingItems ("
              + maxPendingItems
              + ") must be at least maxBatchItems ("
              + maxBatchItems
              + ")");
    }
  }
}
