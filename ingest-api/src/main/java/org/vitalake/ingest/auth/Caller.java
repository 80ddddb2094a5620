package org.vitalake.ingest.auth;

import io.micronaut.security.authentication.Authentication;
import java.util.Set;
import org.vitalake.core.id.UserId;
import org.vitalake.ingest.problem.ProblemException;

/**
 * The authenticated caller of a request: the token's subject and roles.
 *
 * @param subject the token's {@code sub}, a pseudonymous user id
 * @param roles the token's {@code roles} claim
 */
public record Caller(UserId subject, Set<String> roles) {

  /** Roles that may write data for any user (importers, the benchmark, operators). */
  public static final Set<String> WRITE_FOR_OTHERS = Set.of("service", "admin");

  public Caller {
    roles = Set.copyOf(roles);
  }

  /**
   * The caller behind a validated token.
   *
   * @throws ProblemException (400) when the subject is not a valid user id
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

  /**
   * The user a request writes for: {@code requested} when given, else the caller itself.
   *
   * @throws ProblemException 403 when the caller may not write for {@code requested}
   */
  public UserId authorizeWriteFor(UserId requested) {
    if (requested == null || requested.equals(subject)) {
      return subject;
    }
    if (roles.stream().anyMatch(WRITE_FOR_OTHERS::contains)) {
      return requested;
    }
    throw ProblemException.forbidden(
        "userId '"
            + requested
            + "' is not the token's subject '"
            + subject
            + "'; only tokens with the role service or admin may write for other users");
  }
}
