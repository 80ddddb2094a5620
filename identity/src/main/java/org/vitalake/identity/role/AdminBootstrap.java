package org.vitalake.identity.role;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalake.identity.IdentityProperties;
import org.vitalake.identity.account.AccountService;
import org.vitalake.identity.account.AccountService.NewAccount;
import org.vitalake.identity.account.JdbcAccountRepository;
import org.vitalake.identity.account.ProfileFields;
import org.vitalake.identity.audit.AuditEvent;
import org.vitalake.identity.audit.AuditLog;
import org.vitalake.identity.jdbc.Transactions;
import org.vitalake.identity.password.Argon2PasswordHasher;

/**
 * Ensures the first admin exists: {@code VITALAKE_ADMIN_EMAIL} is created (with {@code
 * VITALAKE_ADMIN_PASSWORD}) or, when it already has an account, given the admin role.
 */
@Singleton
public class AdminBootstrap implements ApplicationEventListener<StartupEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

  private final IdentityProperties properties;
  private final Transactions transactions;
  private final JdbcAccountRepository accounts;
  private final AccountService accountService;
  private final Argon2PasswordHasher hasher;
  private final AuditLog audit;

  public AdminBootstrap(
      IdentityProperties properties,
      Transactions transactions,
      JdbcAccountRepository accounts,
      AccountService accountService,
      Argon2PasswordHasher hasher,
      AuditLog audit) {
    this.properties = properties;
    this.transactions = transactions;
    this.accounts = accounts;
    this.accountService = accountService;
    this.hasher = hasher;
    this.audit = audit;
  }

  @Override
  public void onApplicationEvent(StartupEvent event) {
    if (!IdentityProperties.isSet(properties.adminEmail())) {
      return;
    }
    String email = ProfileFields.parseEmail(properties.adminEmail());
    var existing = transactions.inTransaction(c -> accounts.findByEmail(c, email));
    if (existing.isPresent()) {
      if (!existing.get().roles().contains(Role.ADMIN)) {
        Set<Role> roles = EnumSet.copyOf(existing.get().roles());
        roles.add(Role.ADMIN);
        transactions.inTransaction(
            c -> {
              accounts.replaceRoles(c, existing.get().id(), roles);
              return null;
            });
        audit.record(
            AuditEvent.ROLES_CHANGED,
            existing.get().id().value(),
            "VITALAKE_ADMIN_EMAIL",
            null,
            "admin granted");
      }
      return;
    }
    if (!IdentityProperties.isSet(properties.adminPassword())) {
      LOG.warn(
          "VITALAKE_ADMIN_EMAIL has no account yet and VITALAKE_ADMIN_PASSWORD is not set: no admin created");
      return;
    }
    String password = AccountService.checkPassword(properties.adminPassword());
    var admin =
        accountService.createCommitted(
            new NewAccount(
                "Administrator",
                email,
                hasher.hash(password.toCharArray()),
                null,
                null,
                null,
                null,
                null,
                java.util.Map.of()),
            EnumSet.of(Role.USER, Role.ADMIN));
    audit.record(
        AuditEvent.ROLES_CHANGED,
        admin.id().value(),
        "VITALAKE_ADMIN_EMAIL",
        null,
        "admin created");
  }
}
