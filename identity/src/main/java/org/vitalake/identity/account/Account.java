package org.vitalake.identity.account;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.vitalake.core.id.UserId;
import org.vitalake.core.profile.Sex;
import org.vitalake.identity.role.Role;

/**
 * A platform user as the identity database holds it: the only place names and emails live.
 *
 * @param passwordHash Argon2id PHC string; {@code null} for accounts that cannot log in
 * @param preferences free-form settings; {@code goals} (a list of strings) feeds the profile
 */
public record Account(
    UserId id,
    String name,
    String email,
    @Nullable String passwordHash,
    @Nullable LocalDate dateOfBirth,
    @Nullable Sex sex,
    @Nullable Double heightCm,
    @Nullable Double weightKg,
    @Nullable ZoneId timeZone,
    Map<String, Object> preferences,
    Set<Role> roles,
    Instant createdAt,
    Instant updatedAt) {

  public Account {
    preferences = Map.copyOf(preferences);
    roles = Set.copyOf(roles);
  }

  public Account withRoles(Set<Role> newRoles) {
    return new Account(
        id,
        name,
        email,
        passwordHash,
        dateOfBirth,
        sex,
        heightCm,
        weightKg,
        timeZone,
        preferences,
        newRoles,
        createdAt,
        updatedAt);
  }

  /** Never prints the password hash or personal data. */
  @Override
  public String toString() {
    return "Account[id=" + id + ", roles=" + roles + "]";
  }
}
