package org.vitalake.identity.consent;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.vitalake.core.consent.Purpose;
import org.vitalake.core.id.UserId;
import org.vitalake.identity.account.AccountService;
import org.vitalake.identity.account.JdbcAccountRepository;
import org.vitalake.identity.audit.AuditEvent;
import org.vitalake.identity.audit.AuditLog;
import org.vitalake.identity.auth.Caller;
import org.vitalake.identity.consent.ConsentApi.ConsentChange;
import org.vitalake.identity.consent.ConsentApi.ConsentView;
import org.vitalake.identity.consent.ConsentApi.ConsentsRequest;
import org.vitalake.identity.consent.ConsentApi.ConsentsResponse;
import org.vitalake.identity.jdbc.Transactions;
import org.vitalake.identity.outbox.LakehouseOutbox;
import org.vitalake.identity.problem.ProblemException;

/**
 * A user's consents: read by the user or an admin (who answers access requests from them), changed
 * by the user only; every change is a new version, queued in the same transaction for the lakehouse
 * copy ({@code bronze.user_consents}) the nightly jobs and the serving API enforce.
 */
@Singleton
public class ConsentService {

  private static final int MAX_POLICY_VERSION = 32;

  private final Transactions transactions;
  private final JdbcConsentRepository consents;
  private final JdbcAccountRepository accounts;
  private final LakehouseOutbox outbox;
  private final AuditLog audit;
  private final Clock clock;

  public ConsentService(
      Transactions transactions,
      JdbcConsentRepository consents,
      JdbcAccountRepository accounts,
      LakehouseOutbox outbox,
      AuditLog audit,
      Clock clock) {
    this.transactions = transactions;
    this.consents = consents;
    this.accounts = accounts;
    this.outbox = outbox;
    this.audit = audit;
    this.clock = clock;
  }

  /** The consents of an account the caller may see: their own, or any for an admin. */
  public ConsentsResponse find(Caller caller, String id) {
    caller.requireSelfOrAdmin(id);
    UserId userId = AccountService.parseId(id);
    List<ConsentRecord> history =
        transactions.inTransaction(
            connection -> {
              requireAccount(connection, userId, id);
              return consents.findAll(connection, userId);
            });
    return toResponse(id, history);
  }

  /**
   * Records a new version for each purpose whose decision changes; unchanged ones are kept. Only
   * the user may decide: consent given or withdrawn by anyone else would not be theirs.
   */
  public ConsentsResponse update(Caller caller, String id, ConsentsRequest request) {
    caller.requireSelf(id);
    UserId userId = AccountService.parseId(id);
    Map<Purpose, ConsentChange> changes = parse(request);
    // microseconds, as the database and the lakehouse copy keep it, so both hold the same time
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    List<ConsentRecord> added = new ArrayList<>();
    List<ConsentRecord> history =
        transactions.inTransaction(
            connection -> {
              requireAccount(connection, userId, id);
              Map<Purpose, ConsentRecord> current = latest(consents.findAll(connection, userId));
              for (var change : changes.entrySet()) {
                ConsentRecord previous = current.get(change.getKey());
                boolean granted = change.getValue().granted();
                String policy = change.getValue().policyVersion();
                if (previous != null
                    && previous.granted() == granted
                    && java.util.Objects.equals(previous.policyVersion(), policy)) {
                  continue;
                }
                ConsentRecord next =
                    new ConsentRecord(
                        change.getKey(),
                        previous == null ? 1 : previous.version() + 1,
                        granted,
                        policy,
                        now);
                consents.insert(connection, userId, next);
                added.add(next);
              }
              outbox.enqueue(
                  connection, userId, added.stream().map(r -> r.decisionOf(userId)).toList());
              return consents.findAll(connection, userId);
            });
    if (!added.isEmpty()) {
      outbox.publishSoon();
    }
    for (ConsentRecord record : added) {
      audit.record(
          AuditEvent.CONSENT_CHANGED,
          id,
          caller.subject(),
          null,
          record.purpose().code() + " v" + record.version() + " granted=" + record.granted());
    }
    return toResponse(id, history);
  }

  private void requireAccount(java.sql.Connection connection, UserId userId, String id)
      throws java.sql.SQLException {
    if (accounts.findById(connection, userId).isEmpty()) {
      throw ProblemException.notFound("user " + id + " not found");
    }
  }

  private static Map<Purpose, ConsentChange> parse(ConsentsRequest request) {
    if (request.consents() == null || request.consents().isEmpty()) {
      throw ProblemException.invalid("consents", "must list at least one {purpose, granted}");
    }
    Map<Purpose, ConsentChange> changes = new EnumMap<>(Purpose.class);
    for (int i = 0; i < request.consents().size(); i++) {
      ConsentChange change = request.consents().get(i);
      String field = "consents[" + i + "]";
      if (change == null || change.purpose() == null) {
        throw ProblemException.invalid(field + ".purpose", "is required");
      }
      Purpose purpose;
      try {
        purpose = Purpose.parse(change.purpose());
      } catch (IllegalArgumentException e) {
        throw ProblemException.invalid(field + ".purpose", e.getMessage());
      }
      if (change.granted() == null) {
        throw ProblemException.invalid(field + ".granted", "is required (true or false)");
      }
      if (change.policyVersion() != null && change.policyVersion().length() > MAX_POLICY_VERSION) {
        throw ProblemException.invalid(
            field + ".policyVersion", "has more than " + MAX_POLICY_VERSION + " characters");
      }
      if (changes.put(purpose, change) != null) {
        throw ProblemException.invalid(field + ".purpose", purpose.code() + " is listed twice");
      }
    }
    return changes;
  }

  private static Map<Purpose, ConsentRecord> latest(List<ConsentRecord> history) {
    Map<Purpose, ConsentRecord> latest = new EnumMap<>(Purpose.class);
    for (ConsentRecord record : history) {
      latest.merge(record.purpose(), record, (a, b) -> a.version() >= b.version() ? a : b);
    }
    return latest;
  }

  private static ConsentsResponse toResponse(String id, List<ConsentRecord> history) {
    List<ConsentView> current =
        latest(history).values().stream()
            .sorted(Comparator.comparing(ConsentRecord::purpose))
            .map(ConsentView::of)
            .toList();
    return new ConsentsResponse(id, current, history.stream().map(ConsentView::of).toList());
  }
}
