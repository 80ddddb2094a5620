package org.vitalake.serving.consent;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.iceberg.data.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalake.core.consent.ConsentDecision;
import org.vitalake.core.consent.Consents;
import org.vitalake.core.consent.Purpose;
import org.vitalake.core.id.UserId;
import org.vitalake.lakehouse.BronzeRecords;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableScanner;
import org.vitalake.serving.lakehouse.SnapshotCache;
import org.vitalake.serving.lakehouse.TableView;
import org.vitalake.serving.problem.ProblemException;

/**
 * Users' consent decisions from {@code bronze.user_consents}, in memory, so plans and readiness are
 * served only to users whose consent to coaching is in effect (the rule of core's {@link
 * Consents}).
 */
@Singleton
public class IcebergConsents extends TableView<Map<UserId, List<ConsentDecision>>> {

  private static final Logger LOG = LoggerFactory.getLogger(IcebergConsents.class);

  public IcebergConsents(Lakehouse lakehouse, TableScanner scanner) {
    super(
        new SnapshotCache<>(
            lakehouse,
            scanner,
            LakehouseTables.USER_CONSENTS.id(),
            IcebergConsents::byUser,
            Map.of(),
            // identity creates the table with its first decision: until then nobody has decided
            true));
  }

  /** The user's decisions, any purpose, possibly none. */
  public List<ConsentDecision> decisionsOf(UserId userId) {
    return value().getOrDefault(userId, List.of());
  }

  /** The decision that withdrew {@code purpose}, when the user's latest decision about it did. */
  public Optional<ConsentDecision> withdrawal(UserId userId, Purpose purpose) {
    List<ConsentDecision> decisions = decisionsOf(userId);
    if (Consents.inEffect(decisions, purpose)) {
      return Optional.empty();
    }
    return decisions.stream()
        .filter(d -> d.purpose() == purpose)
        .max(java.util.Comparator.comparingInt(ConsentDecision::version));
  }

  /**
   * Refuses a request for coaching (a plan, a readiness score) of a user who withdrew consent to
   * it: 403 naming when, and how to grant it again.
   *
   * @param unavailable thrown while the decisions are not loaded yet, since they cannot be checked
   */
  public void requireCoaching(UserId userId, Supplier<ProblemException> unavailable) {
    if (!loaded()) {
      throw unavailable.get();
    }
    withdrawal(userId, Purpose.COACHING)
        .ifPresent(
            d -> {
              throw ProblemException.forbidden(
                  "user "
                      + userId.value()
                      + " withdrew consent to coaching on "
                      + d.recordedAt()
                      + ", so no plans or readiness scores are computed or served for them;"
                      + " the user can grant it again with PUT /users/{id}/consents at identity");
            });
  }

  static Map<UserId, List<ConsentDecision>> byUser(List<Record> rows) {
    Map<UserId, List<ConsentDecision>> byUser = new HashMap<>();
    int rejected = 0;
    for (Record row : rows) {
      try {
        ConsentDecision decision = BronzeRecords.parseConsent(row);
        byUser.computeIfAbsent(decision.userId(), u -> new ArrayList<>()).add(decision);
      } catch (RuntimeException e) {
        rejected++;
      }
    }
    if (rejected > 0) {
      LOG.warn("skipped {} rows of bronze.user_consents that fail validation", rejected);
    }
    Map<UserId, List<ConsentDecision>> copy = new HashMap<>();
    byUser.forEach((user, decisions) -> copy.put(user, List.copyOf(decisions)));
    return Map.copyOf(copy);
  }
}
