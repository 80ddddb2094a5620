package org.vitalake.core.consent;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.vitalake.core.id.UserId;

/** Thread-safe {@link ConsentStore} in memory, for unit tests of services. */
public final class InMemoryConsentStore implements ConsentStore {

  private final Map<String, ConsentDecision> decisions = new TreeMap<>();

  @Override
  public synchronized void append(List<ConsentDecision> appended) {
    for (ConsentDecision decision : appended) {
      Objects.requireNonNull(decision, "decision");
      decisions.put(
          decision.userId().value() + "|" + decision.purpose() + "|" + decision.version(),
          decision);
    }
  }

  @Override
  public synchronized List<ConsentDecision> findAll(UserId userId) {
    Objects.requireNonNull(userId, "userId");
    return decisions.values().stream()
        .filter(d -> d.userId().equals(userId))
        .sorted(ORDER)
        .toList();
  }

  static final Comparator<ConsentDecision> ORDER =
      Comparator.comparing(ConsentDecision::purpose).thenComparingInt(ConsentDecision::version);
}
