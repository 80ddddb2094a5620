package org.vitalake.identity.auth;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.vitalake.core.id.UserId;
import org.vitalake.identity.account.Account;
import org.vitalake.identity.account.JdbcAccountRepository;
import org.vitalake.identity.audit.AuditEvent;
import org.vitalake.identity.audit.AuditLog;
import org.vitalake.identity.auth.LoginThrottle.Scope;
import org.vitalake.identity.jdbc.Transactions;
import org.vitalake.identity.password.Argon2PasswordHasher;
import org.vitalake.identity.password.PasswordPolicy;
import org.vitalake.identity.problem.ProblemException;
import org.vitalake.identity.role.Role;

/** Password login, refresh-token rotation, logout and client-credentials service tokens. */
@Singleton
public class LoginService {

  private static final String WRONG_CREDENTIALS = "email or password is not correct";

  private final Transactions transactions;
  private final JdbcAccountRepository accounts;
  private final Argon2PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final AccessTokenIssuer issuer;
  private final RefreshTokenService refreshTokens;
  private final ServiceClients serviceClients;
  private final AuditLog audit;

  public LoginService(
      Transactions transactions,
      JdbcAccountRepository accounts,
      Argon2PasswordHasher hasher,
      LoginThrottle throttle,
      AccessTokenIssuer issuer,
      RefreshTokenService refreshTokens,
      ServiceClients serviceClients,
      AuditLog audit) {
    this.transactions = transactions;
    this.accounts = accounts;
    this.hasher = hasher;
    this.throttle = throttle;
    this.issuer = issuer;
    this.refreshTokens = refreshTokens;
    this.serviceClients = serviceClients;
    this.audit = audit;
  }

  /**
   * Checks the password and issues an access token plus a refresh token. Throttled per email and,
   * with a much higher limit, per client address (see {@link LoginThrottleProperties}); a throttled
   * attempt is refused before the password is even checked.
   */
  public TokenResponse login(LoginRequest request, @Nullable String clientAddress) {
    if (request.email() == null || request.email().isBlank()) {
      throw ProblemException.invalid("email", "is required");
    }
    if (request.password() == null || request.password().isEmpty()) {
      throw ProblemException.invalid("password", "is required");
    }
    String email = request.email().strip().toLowerCase(Locale.ROOT);
    requireNotThrottled(
        "too many failed attempts",
        clientAddress,
        null,
        throttle.findWait(Scope.ACCOUNT, email),
        throttle.findWait(Scope.ADDRESS, clientAddress));

    Optional<Account> account =
        transactions.inTransaction(connection -> accounts.findByEmail(connection, email));
    char[] password = request.password().toCharArray();
    boolean valid;
    if (request.password().length() > PasswordPolicy.MAX_LENGTH) {
      valid = false;
    } else if (account.isEmpty() || account.get().passwordHash() == null) {
      hasher.verifyDecoy(password);
      valid = false;
    } else {
      valid = hasher.verify(password, account.get().passwordHash());
    }
    if (!valid) {
      throttle.recordFailure(Scope.ACCOUNT, email);
      throttle.recordFailure(Scope.ADDRESS, clientAddress);
      audit.record(
          AuditEvent.LOGIN_FAILED,
          account.map(a -> a.id().value()).orElse(null),
          null,
          clientAddress,
          account.isPresent() ? "wrong password" : "unknown email");
      throw ProblemException.unauthorized(WRONG_CREDENTIALS);
    }
    throttle.reset(Scope.ACCOUNT, email);
    String userId = account.get().id().value();
    audit.record(AuditEvent.LOGIN_SUCCEEDED, userId, null, clientAddress, null);
    return TokenResponse.of(
        issuer.issue(userId, account.get().roles()), refreshTokens.issue(userId));
  }

  /** Exchanges a refresh token for a new access token and a new refresh token. */
  public TokenResponse refresh(RefreshRequest request, @Nullable String clientAddress) {
    if (request.refreshToken() == null || request.refreshToken().isBlank()) {
      throw ProblemException.invalid("refreshToken", "is required");
    }
    RefreshTokenService.Redemption redemption = refreshTokens.redeem(request.refreshToken());
    if (redemption instanceof RefreshTokenService.Redemption.Accepted accepted) {
      Set<Role> roles =
          transactions.inTransaction(
              connection -> accounts.findRoles(connection, UserId.of(accepted.userId())));
      return TokenResponse.of(issuer.issue(accepted.userId(), roles), accepted.refreshToken());
    }
    if (redemption instanceof RefreshTokenService.Redemption.Replayed replayed) {
      audit.record(
          AuditEvent.REFRESH_TOKEN_REUSED,
          replayed.userId(),
          null,
          clientAddress,
          "token family revoked");
    }
    throw ProblemException.unauthorized(
        "refresh token is not valid (unknown, used, expired or revoked)");
  }

  /** Revokes all refresh tokens of the caller. */
  public void logout(Caller caller, @Nullable String clientAddress) {
    int revoked = refreshTokens.revokeAll(caller.subject());
    audit.record(
        AuditEvent.LOGOUT, caller.subject(), caller.subject(), clientAddress, "revoked=" + revoked);
  }

  /**
   * OAuth 2 client credentials grant: a token with the {@code service} role. Throttled per client
   * id at each client address and, with a much higher limit, per client address (see {@link
   * LoginThrottleProperties}), apart from password logins; a throttled request is refused before
   * the secret is even checked.
   */
  public TokenResponse serviceToken(
      @Nullable String grantType,
      @Nullable String clientId,
      @Nullable String clientSecret,
      @Nullable String clientAddress) {
    if (!"client_credentials".equals(grantType)) {
      throw ProblemException.invalid(
          "grant_type",
          "must be client_credentials (was "
              + (grantType == null ? "absent" : "'" + grantType + "'")
              + ")");
    }
    if (clientId == null || clientId.isBlank()) {
      throw ProblemException.invalid("client_id", "is required");
    }
    if (clientSecret == null || clientSecret.isEmpty()) {
      throw ProblemException.invalid("client_secret", "is required");
    }
    // Never per client id alone: ids are not secret, so anyone could lock a service out for every
    // address. Nor on the password-login counters: a service shares its address with people
    // logging in, and their failed passwords must not cut it off (nor its failures them).
    String auditDetail =
        serviceClients.clientIds().contains(clientId)
            ? "client_id=" + clientId
            : "unknown client_id";
    requireNotThrottled(
        "too many failed client-credentials requests from this address",
        clientAddress,
        auditDetail,
        throttle.findClientWait(clientId, clientAddress));
    if (!serviceClients.authenticate(clientId, clientSecret)) {
      throttle.recordClientFailure(clientId, clientAddress);
      audit.record(AuditEvent.SERVICE_TOKEN_REFUSED, null, null, clientAddress, auditDetail);
      throw ProblemException.unauthorized("client_id or client_secret is not correct");
    }
    throttle.resetClient(clientId, clientAddress);
    audit.record(AuditEvent.SERVICE_TOKEN_ISSUED, null, clientId, clientAddress, null);
    return TokenResponse.of(issuer.issue(clientId, Set.of(Role.SERVICE)), null);
  }

  /**
   * Refuses with 429 when any of the throttle keys must still wait, naming the longest wait.
   *
   * @param reason the start of the problem detail, saying what was counted
   */
  @SafeVarargs
  private void requireNotThrottled(
      String reason,
      @Nullable String address,
      @Nullable String auditDetail,
      Optional<Duration>... waits) {
    Optional<Duration> wait = Stream.of(waits).flatMap(Optional::stream).max(Duration::compareTo);
    if (wait.isPresent()) {
      audit.record(AuditEvent.LOGIN_THROTTLED, null, null, address, auditDetail);
      throw ProblemException.tooManyAttempts(reason, wait.get());
    }
  }
}
