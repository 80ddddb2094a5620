package org.vitalake.core.journal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vitalake.core.id.UserId;

/** Thread-safe {@link JournalStore} in memory, for unit tests of services and jobs. */
public final class InMemoryJournalStore implements JournalStore {

  private final Map<UserId, List<RecordedJournalEntry>> byUser = new HashMap<>();

  @Override
  public synchronized void append(List<RecordedJournalEntry> entries) {
    // copy first so a null element rejects the whole batch, like a failed commit
    List<RecordedJournalEntry> batch = List.copyOf(entries);
    for (RecordedJournalEntry recorded : batch) {
      byUser.computeIfAbsent(recorded.entry().userId(), id -> new ArrayList<>()).add(recorded);
    }
  }

  @Override
  public synchronized List<RecordedJournalEntry> findByUser(
      UserId userId, Instant fromInclusive, Instant toExclusive) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(fromInclusive, "fromInclusive");
    Objects.requireNonNull(toExclusive, "toExclusive");
    return byUser.getOrDefault(userId, List.of()).stream()
        .filter(r -> !r.entry().occurredAt().isBefore(fromInclusive))
        .filter(r -> r.entry().occurredAt().isBefore(toExclusive))
        .sorted(Comparator.comparing(r -> r.entry().occurredAt()))
        .toList();
  }

  /** How many entries are stored for all users together. */
  public synchronized int size() {
    return byUser.values().stream().mapToInt(List::size).sum();
  }
}
