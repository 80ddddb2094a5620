package org.vitalake.core.sample;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vitalake.core.id.UserId;

/** Thread-safe {@link SampleStore} in memory, for unit tests of services and jobs. */
public final class InMemorySampleStore implements SampleStore {

  private final Map<UserId, List<RecordedSample>> byUser = new HashMap<>();

  @Override
  public synchronized void append(List<RecordedSample> samples) {
    // copy first so a null element rejects the whole batch, like a failed commit
    List<RecordedSample> batch = List.copyOf(samples);
    for (RecordedSample recorded : batch) {
      byUser.computeIfAbsent(recorded.sample().userId(), id -> new ArrayList<>()).add(recorded);
    }
  }

  @Override
  public synchronized List<RecordedSample> findByUser(
      UserId userId, Instant fromInclusive, Instant toExclusive) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(fromInclusive, "fromInclusive");
    Objects.requireNonNull(toExclusive, "toExclusive");
    return byUser.getOrDefault(userId, List.of()).stream()
        .filter(r -> !r.sample().start().isBefore(fromInclusive))
        .filter(r -> r.sample().start().isBefore(toExclusive))
        .sorted(Comparator.comparing(r -> r.sample().start()))
        .toList();
  }

  /** How many samples are stored for all users together. */
  public synchronized int size() {
    return byUser.values().stream().mapToInt(List::size).sum();
  }
}
