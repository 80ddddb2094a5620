package org.vitalake.identity.external;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.vitalake.core.id.UserId;
import org.vitalake.identity.account.Account;
import org.vitalake.identity.account.AccountService;
import org.vitalake.identity.account.AccountService.NewAccount;
import org.vitalake.identity.account.ProfileFields;
import org.vitalake.identity.jdbc.Transactions;
import org.vitalake.identity.outbox.LakehouseOutbox;
import org.vitalake.identity.password.Argon2PasswordHasher;
import org.vitalake.identity.problem.ProblemException;
import org.vitalake.identity.role.Role;

/**
 * Maps dataset participants to platform users, idempotently: the same {@code (system, externalId)}
 * always yields the same user id, also when two importers ask at the same time.
 */
@Singleton
public class ExternalUserService {

  /** Email domain of participant accounts; {@code .invalid} can never receive mail (RFC 2606). */
  public static final String PARTICIPANT_DOMAIN = "participants.vitalake.invalid";

  private static final Pattern SYSTEM = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
  private static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final Transactions transactions;
  private final JdbcExternalAccountRepository externalAccounts;
  private final AccountService accounts;
  private final Argon2PasswordHasher hasher;
  private final LakehouseOutbox outbox;
  private final Clock clock;

  public ExternalUserService(
      Transactions transactions,
      JdbcExternalAccountRepository externalAccounts,
      AccountService accounts,
      Argon2PasswordHasher hasher,
      LakehouseOutbox outbox,
      Clock clock) {
    this.transactions = transactions;
    this.externalAccounts = externalAccounts;
    this.accounts = accounts;
    this.hasher = hasher;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** The user and whether this call created it. */
  public record Mapping(UserId userId, boolean created) {}

  public Mapping findOrCreate(ExternalUserRequest request) {
    String system =
        require(
            "system",
            request.system(),
            SYSTEM,
            "lower-case letters, digits, '_' or '-', at most 32");
    String externalId =
        require(
            "externalId",
            request.externalId(),
            EXTERNAL_ID,
            "letters, digits, '.', '_' or '-', at most 64");
    Optional<UserId> existing =
        transactions.inTransaction(c -> externalAccounts.find(c, system, externalId));
    if (existing.isPresent()) {
      return new Mapping(existing.get(), false);
    }
    String password =
        request.password() == null ? null : AccountService.checkPassword(request.password());
    NewAccount draft =
        new NewAccount(
            participantName(system, externalId),
            system + "." + externalId.toLowerCase(java.util.Locale.ROOT) + "@" + PARTICIPANT_DOMAIN,
            password == null ? null : hasher.hash(password.toCharArray()),
            ProfileFields.parseDateOfBirth(request.dateOfBirth(), clock),
            ProfileFields.parseSex(request.sex()),
            ProfileFields.checkHeight(request.heightCm()),
            ProfileFields.checkWeight(request.weightKg()),
            ProfileFields.parseTimeZone(request.timeZone()),
            accounts.checkPreferences(request.preferences()));
    try {
      Account account =
          transactions.inTransaction(
              connection -> {
                Account created = accounts.create(connection, draft, Set.of(Role.USER));
                externalAccounts.insert(
                    connection, system, externalId, created.id(), clock.instant());
                return created;
              });
      outbox.publishSoon();
      return new Mapping(account.id(), true);
    } catch (RuntimeException e) {
      // A concurrent request created the mapping first: answer with its user.
      Optional<UserId> raced =
          transactions.inTransaction(c -> externalAccounts.find(c, system, externalId));
      if (raced.isPresent()) {
        return new Mapping(raced.get(), false);
      }
      throw e;
    }
  }

  /**
   * The display name of a participant account, cut to {@link ProfileFields#MAX_NAME_LENGTH}: the
   * longest system and external id together exceed the column, and the name is cosmetic (the
   * mapping row, not the name, identifies the participant).
   */
  static String participantName(String system, String externalId) {
    String name = system + " participant " + externalId;
    return name.length() <= ProfileFields.MAX_NAME_LENGTH
        ? name
        : name.substring(0, ProfileFields.MAX_NAME_LENGTH);
  }

  private static String require(String field, String value, Pattern pattern, String allowed) {
    if (value == null || value.isBlank()) {
      throw ProblemException.invalid(field, "is required");
    }
    if (!pattern.matcher(value).matches()) {
      throw ProblemException.invalid(field, "'" + value + "' must be " + allowed);
    }
    return value;
  }
}
