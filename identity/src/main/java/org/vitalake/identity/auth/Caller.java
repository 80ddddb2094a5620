package org.vitalake.identity.auth;

import io.micronaut.security.authentication.Authentication;
import java.util.Set;
import java.util.stream.Collectors;
import org.vitalake.identity.problem.ProblemException;
import org.vitalake.identity.role.Role;

/**
 * The authenticated subject of a request: a user id (or service client id) and its roles.
 *
 * @param subject the token's {@code sub}
 */
public record Caller(String subject, Set<String> roles) {

  public static Caller of(Authentication authentication) {
    return new Caller(
        authentication.getName(),
        authentication.getRoles().stream().collect(Collectors.toUnmodifiableSet()));
  }

  public boolean has(Role role) {
    return roles.contains(role.code());
  }

  public boolean isAdmin() {
    return has(Role.ADMIN);
  }

  /**
   * Allows only the user themself or an admin. Refuses without looking the user up, so the answer
   * says nothing about whether the account exists.
   */
  public void requireSelfOrAdmin(String userId) {
    if (!subject.equals(userId) && !isAdmin()) {
      throw ProblemException.forbidden("you may only access your own account");
    }
  }

  /** Allows only the user themself. */
  public void requireSelf(String userId) {
    if (!subject.equals(userId)) {
      throw ProblemException.forbidden("you may only access your own account");
    }
  }
}
