package org.vitalake.core.journal;

import java.time.Instant;
import java.util.List;
import org.vitalake.core.id.UserId;

/** Port to the append-only store of received journal entries (bronze). */
public interface JournalStore {

  /** Appends a batch; it becomes visible to readers all at once or not at all. */
  void append(List<RecordedJournalEntry> entries);

  /**
   * Finds a user's entries that occurred in {@code [fromInclusive, toExclusive)}, ordered by
   * occurrence.
   */
  List<RecordedJournalEntry> findByUser(UserId userId, Instant fromInclusive, Instant toExclusive);
}
