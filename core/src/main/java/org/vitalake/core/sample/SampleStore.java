package org.vitalake.core.sample;

import java.time.Instant;
import java.util.List;
import org.vitalake.core.id.UserId;

/**
 * Port to the append-only store of received samples (bronze); duplicates are kept here and dropped
 * downstream by {@link Sample#sampleKey()}.
 */
public interface SampleStore {

  /** Appends a batch; it becomes visible to readers all at once or not at all. */
  void append(List<RecordedSample> samples);

  /**
   * Finds a user's samples whose start lies in {@code [fromInclusive, toExclusive)}, ordered by
   * start.
   */
  List<RecordedSample> findByUser(UserId userId, Instant fromInclusive, Instant toExclusive);
}
