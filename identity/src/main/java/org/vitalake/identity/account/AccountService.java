package org.vitalake.identity.account;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vitalake.core.id.UserId;
import org.vitalake.core.profile.Sex;
import org.vitalake.core.profile.UserProfile;
import org.vitalake.identity.audit.AuditEvent;
import org.vitalake.identity.audit.AuditLog;
import org.vitalake.identity.auth.Caller;
import org.vitalake.identity.jdbc.Transactions;
import org.vitalake.identity.outbox.LakehouseOutbox;
import org.vitalake.identity.password.Argon2PasswordHasher;
import org.vitalake.identity.password.PasswordPolicy;
import org.vitalake.identity.problem.ProblemException;
import org.vitalake.identity.role.Role;

/**
 * Registration, reading and updating of accounts; every create or update also queues a pseudonymous
 * profile snapshot for {@code bronze.user_profiles}.
 */
@Singleton
public class AccountService {

  private final Transactions transactions;
  private final JdbcAccountRepository accounts;
  private final Argon2PasswordHasher hasher;
  private final LakehouseOutbox outbox;
  private final AuditLog audit;
  private final RegistrationThrottle throttle;
  private final Clock clock;

  public AccountService(
      Transactions transactions,
      JdbcAccountRepository accounts,
      Argon2PasswordHasher hasher,
      LakehouseOutbox outbox,
      AuditLog audit,
      RegistrationThrottle throttle,
      Clock clock) {
    this.transactions = transactions;
    this.accounts = accounts;
    this.hasher = hasher;
    this.outbox = outbox;
    this.audit = audit;
    this.throttle = throttle;
    this.clock = clock;
  }

  /** Validated personal fields of a new account. */
  public record NewAccount(
      String name,
      String email,
      @Nullable String passwordHash,
      @Nullable LocalDate dateOfBirth,
      @Nullable Sex sex,
      @Nullable Double heightCm,
      @Nullable Double weightKg,
      @Nullable ZoneId timeZone,
      Map<String, Object> preferences) {}

  /**
   * Creates a user account with the {@code user} role; a taken email is a 409. Throttled per client
   * address (see {@link RegistrationThrottleProperties}): a request that passes validation counts,
   * since from there on it costs a password hash; one refused as invalid costs next to nothing and
   * does not count, so people at a shared address correcting a form do not use up its allowance.
   */
  public Account register(RegisterRequest request, @Nullable String clientAddress) {
    String name = ProfileFields.parseName(request.name());
    String email = ProfileFields.parseEmail(request.email());
    String password = checkPassword(request.password());
    NewAccount draft =
        new NewAccount(
            name,
            email,
            null,
            ProfileFields.parseDateOfBirth(request.dateOfBirth(), clock),
            ProfileFields.parseSex(request.sex()),
            ProfileFields.checkHeight(request.heightCm()),
            ProfileFields.checkWeight(request.weightKg()),
            ProfileFields.parseTimeZone(request.timeZone()),
            checkPreferences(request.preferences()));
    requireRegistrationAllowed(clientAddress);
    // Hash outside the transaction: Argon2 is deliberately slow.
    String hash = hasher.hash(password.toCharArray());
    NewAccount withHash =
        new NewAccount(
            draft.name(),
            draft.email(),
            hash,
            draft.dateOfBirth(),
            draft.sex(),
            draft.heightCm(),
            draft.weightKg(),
            draft.timeZone(),
            draft.preferences());
    Account account = createCommitted(withHash, Set.of(Role.USER));
    audit.record(AuditEvent.ACCOUNT_REGISTERED, account.id().value(), null, clientAddress, null);
    outbox.publishSoon();
    return account;
  }

  private void requireRegistrationAllowed(@Nullable String clientAddress) {
    Optional<Duration> wait = throttle.tryAcquire(clientAddress);
    if (wait.isEmpty()) {
      return;
    }
    audit.record(AuditEvent.REGISTRATION_THROTTLED, null, null, clientAddress, null);
    throw ProblemException.tooManyAttempts(
        "too many registrations from this client address (at most "
            + throttle.maxPerAddress()
            + " per "
            + RegistrationThrottle.describe(throttle.window())
            + ")",
        wait.get());
  }

  /** Creates the account in its own transaction, turning a duplicate email into a 409. */
  public Account createCommitted(NewAccount draft, Set<Role> roles) {
    try {
      return transactions.inTransaction(connection -> create(connection, draft, roles));
    } catch (RuntimeException e) {
      if (Transactions.isUniqueViolation(e)) {
        throw emailTaken();
      }
      throw e;
    }
  }

  /** Inserts the account and queues its first profile snapshot in the caller's transaction. */
  public Account create(Connection connection, NewAccount draft, Set<Role> roles)
      throws SQLException {
    if (accounts.emailTaken(connection, draft.email())) {
      throw emailTaken();
    }
    Instant now = clock.instant();
    Account account =
        new Account(
            UserId.random(),
            draft.name(),
            draft.email(),
            draft.passwordHash(),
            draft.dateOfBirth(),
            draft.sex(),
            draft.heightCm(),
            draft.weightKg(),
            draft.timeZone(),
            draft.preferences(),
            roles,
            now,
            now);
    accounts.insert(connection, account);
    outbox.enqueue(connection, toProfile(account));
    return account;
  }

  /** The caller's own account; 404 when the subject has none (e.g. a service client). */
  public Account findSelf(Caller caller) {
    UserId id = parseId(caller.subject());
    return transactions
        .inTransaction(connection -> accounts.findById(connection, id))
        .orElseThrow(() -> ProblemException.notFound("no account for the token's subject"));
  }

  /** An account the caller may see: their own, or any for an admin. */
  public Account find(Caller caller, String id) {
    caller.requireSelfOrAdmin(id);
    UserId userId = parseId(id);
    return transactions
        .inTransaction(connection -> accounts.findById(connection, userId))
        .orElseThrow(() -> ProblemException.notFound("user " + id + " not found"));
  }

  /** Applies the fields present in {@code request}; queues a new profile snapshot. */
  public Account update(Caller caller, String id, UpdateUserRequest request) {
    caller.requireSelfOrAdmin(id);
    UserId userId = parseId(id);
    String name = request.name() == null ? null : ProfileFields.parseName(request.name());
    String email = request.email() == null ? null : ProfileFields.parseEmail(request.email());
    LocalDate dateOfBirth = ProfileFields.parseDateOfBirth(request.dateOfBirth(), clock);
    Sex sex = ProfileFields.parseSex(request.sex());
    Double height = ProfileFields.checkHeight(request.heightCm());
    Double weight = ProfileFields.checkWeight(request.weightKg());
    ZoneId zone = ProfileFields.parseTimeZone(request.timeZone());
    Map<String, Object> preferences =
        request.preferences() == null ? null : checkPreferences(request.preferences());
    Account updated;
    try {
      updated =
          transactions.inTransaction(
              connection -> {
                Account current =
                    accounts
                        .findById(connection, userId)
                        .orElseThrow(() -> ProblemException.notFound("user " + id + " not found"));
                if (email != null
                    && !email.equals(current.email())
                    && accounts.emailTaken(connection, email)) {
                  throw emailTaken();
                }
                Account next =
                    new Account(
                        current.id(),
                        name != null ? name : current.name(),
                        email != null ? email : current.email(),
                        current.passwordHash(),
                        dateOfBirth != null ? dateOfBirth : current.dateOfBirth(),
                        sex != null ? sex : current.sex(),
                        height != null ? height : current.heightCm(),
                        weight != null ? weight : current.weightKg(),
                        zone != null ? zone : current.timeZone(),
                        preferences != null ? preferences : current.preferences(),
                        current.roles(),
                        current.createdAt(),
                        clock.instant());
                accounts.update(connection, next);
                outbox.enqueue(connection, toProfile(next));
                return next;
              });
    } catch (RuntimeException e) {
      if (Transactions.isUniqueViolation(e)) {
        throw emailTaken();
      }
      throw e;
    }
    outbox.publishSoon();
    return updated;
  }

  /** The pseudonymous projection of an account: no name, no email, birth year only. */
  public static UserProfile toProfile(Account account) {
    return new UserProfile(
        account.id(),
        account.dateOfBirth() == null ? null : account.dateOfBirth().getYear(),
        account.sex(),
        account.heightCm(),
        account.weightKg(),
        account.timeZone(),
        ProfileFields.goals(account.preferences()),
        account.updatedAt());
  }

  /** Password strength check; returns the password when acceptable. */
  public static String checkPassword(@Nullable String password) {
    PasswordPolicy.findWeakness(password)
        .ifPresent(
            weakness -> {
              throw ProblemException.invalid("password", weakness);
            });
    return password;
  }

  public Map<String, Object> checkPreferences(@Nullable Map<String, Object> preferences) {
    if (preferences == null) {
      return Map.of();
    }
    return ProfileFields.checkPreferences(
        preferences, accounts.writePreferences(preferences).length());
  }

  /** Parses a path id; a malformed id cannot name an account, so it is a 404, not a 400. */
  public static UserId parseId(String id) {
    try {
      return UserId.of(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("user " + ProfileFields.abbreviate(id) + " not found");
    }
  }

  private static ProblemException emailTaken() {
    return ProblemException.conflict("email", "an account with this email already exists");
  }
}
