package org.vitalake.identity.role;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.vitalake.core.id.UserId;
import org.vitalake.identity.account.Account;
import org.vitalake.identity.account.AccountService;
import org.vitalake.identity.account.JdbcAccountRepository;
import org.vitalake.identity.audit.AuditEvent;
import org.vitalake.identity.audit.AuditLog;
import org.vitalake.identity.auth.Caller;
import org.vitalake.identity.jdbc.Transactions;
import org.vitalake.identity.problem.ProblemException;

/** Admins grant and withdraw roles; a change applies to tokens issued afterwards. */
@Singleton
public class RoleService {

  private final Transactions transactions;
  private final JdbcAccountRepository accounts;
  private final AuditLog audit;

  public RoleService(Transactions transactions, JdbcAccountRepository accounts, AuditLog audit) {
    this.transactions = transactions;
    this.accounts = accounts;
    this.audit = audit;
  }

  /** Replaces the user's roles with {@code codes}. */
  public Account replaceRoles(Caller admin, String id, @Nullable List<String> codes) {
    if (!admin.isAdmin()) {
      throw ProblemException.forbidden("only an admin may change roles");
    }
    Set<Role> roles = parse(codes);
    UserId userId = AccountService.parseId(id);
    if (admin.subject().equals(id) && !roles.contains(Role.ADMIN)) {
      throw ProblemException.conflict(
          "roles", "an admin cannot withdraw their own admin role; ask another admin");
    }
    Account before =
        transactions.inTransaction(
            connection -> {
              Account account =
                  accounts
                      .findById(connection, userId)
                      .orElseThrow(() -> ProblemException.notFound("user " + id + " not found"));
              accounts.replaceRoles(connection, userId, roles);
              return account;
            });
    audit.record(
        AuditEvent.ROLES_CHANGED,
        id,
        admin.subject(),
        null,
        "from=" + codes(before.roles()) + " to=" + codes(roles));
    return before.withRoles(roles);
  }

  private static Set<Role> parse(@Nullable List<String> codes) {
    if (codes == null || codes.isEmpty()) {
      throw ProblemException.invalid("roles", "must list at least one role");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String code : codes) {
      Role role;
      try {
        role = Role.parse(code);
      } catch (IllegalArgumentException e) {
        throw ProblemException.invalid("roles", e.getMessage());
      }
      if (role == Role.SERVICE) {
        throw ProblemException.invalid(
            "roles", "service is reserved for client-credentials tokens (POST /oauth/token)");
      }
      roles.add(role);
    }
    return roles;
  }

  private static String codes(Set<Role> roles) {
    return roles.stream().sorted().map(Role::code).collect(Collectors.joining(",", "[", "]"));
  }
}
