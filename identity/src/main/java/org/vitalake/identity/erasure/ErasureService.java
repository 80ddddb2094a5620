package org.vitalake.identity.erasure;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;
import org.vitalake.core.id.UserId;
import org.vitalake.identity.account.AccountService;
import org.vitalake.identity.account.JdbcAccountRepository;
import org.vitalake.identity.audit.AuditEvent;
import org.vitalake.identity.audit.AuditLog;
import org.vitalake.identity.auth.Caller;
import org.vitalake.identity.auth.RefreshTokenService;
import org.vitalake.identity.jdbc.Transactions;
import org.vitalake.identity.outbox.LakehouseOutbox;
import org.vitalake.identity.problem.ProblemException;

/**
 * The right to erasure: removes the identity record, its consents, roles and refresh tokens in one
 * transaction and records an erasure request that the nightly pipeline applies to the lakehouse.
 * Access tokens already issued expire on their own within their short lifetime.
 */
@Singleton
public class ErasureService {

  private final Transactions transactions;
  private final JdbcAccountRepository accounts;
  private final RefreshTokenService refreshTokens;
  private final LakehouseOutbox outbox;
  private final AuditLog audit;
  private final Clock clock;

  public ErasureService(
      Transactions transactions,
      JdbcAccountRepository accounts,
      RefreshTokenService refreshTokens,
      LakehouseOutbox outbox,
      AuditLog audit,
      Clock clock) {
    this.transactions = transactions;
    this.accounts = accounts;
    this.refreshTokens = refreshTokens;
    this.outbox = outbox;
    this.audit = audit;
    this.clock = clock;
  }

  public ErasureRequest erase(Caller caller, String id) {
    caller.requireSelfOrAdmin(id);
    UserId userId = AccountService.parseId(id);
    ErasureRequest request =
        new ErasureRequest(UUID.randomUUID().toString(), userId, clock.instant());
    transactions.inTransaction(
        connection -> {
          if (accounts.findById(connection, userId).isEmpty()) {
            throw ProblemException.notFound("user " + id + " not found");
          }
          refreshTokens.deleteAll(connection, id);
          audit.forgetClientAddresses(connection, id);
          outbox.discardUserData(connection, userId);
          accounts.delete(connection, userId);
          outbox.enqueue(connection, request);
          return null;
        });
    audit.record(
        AuditEvent.ERASURE_REQUESTED,
        id,
        caller.subject().equals(id) ? "self" : caller.subject(),
        null,
        "request=" + request.requestId());
    outbox.publishSoon();
    return request;
  }
}
