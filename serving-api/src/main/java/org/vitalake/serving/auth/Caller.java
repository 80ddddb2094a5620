package org.vitalake.serving.auth;

import io.micronaut.security.authentication.Authentication;
import java.util.Objects;
import java.util.Set;
import org.vitalake.core.id.UserId;
import org.vitalake.serving.problem.ProblemException;

/**
 * Who is calling, from a validated token: the subject's user id and roles.
 *
 * @param subject the token's {@code sub}, the caller's pseudonymous user id
 * @param roles the token's {@code roles} claim
 */
public record Caller(UserId subject, Set<String> roles) {

  public static final String USER = "user";
  public static final String ADMIN = "admin";
  public static final String ANALYST = "analyst";
  public static final String DATA_SCIENTIST = "data_scientist";
  public static final String SERVICE = "service";

  public Caller {
    Objects.requireNonNull(subject, "subject");
    roles = Set.copyOf(roles);
  }

  /**
   * The caller described by an authenticated request's token.
   *
   * @throws ProblemException 400 naming {@code sub} when the token's subject is not a user id (a
   *     service client such as {@code etl@corp}): identity signed it, so it is not a 401, and this
   *     service serves data by user id only
   */
  public static Caller of(Authentication authentication) {
    UserId subject;
    try {
      subject = UserId.of(authentication.getName());
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalid(
          "sub", "the token's subject is not a user id: " + e.getMessage());
    }
    return new Caller(subject, Set.copyOf(authentication.getRoles()));
  }

  public boolean isAdmin() {
    return roles.contains(ADMIN);
  }

  public boolean isUser() {
    return roles.contains(USER);
  }
}
