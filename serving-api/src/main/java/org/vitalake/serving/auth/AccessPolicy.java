package org.vitalake.serving.auth;

import jakarta.inject.Singleton;
import java.util.Set;
import java.util.TreeSet;
import org.vitalake.core.id.UserId;
import org.vitalake.serving.problem.ProblemException;

/**
 * Decides whose individual data a caller may read: users their own, admins anyone's; analysts, data
 * scientists and services none (they work with cohort reports and the lakehouse instead).
 */
@Singleton
public class AccessPolicy {

  /**
   * The user whose data the request reads.
   *
   * @param requested the user named in the request, or {@code null} for the caller's own data
   * @throws ProblemException 400 for a malformed user id, 403 when the caller may not read it
   */
  public UserId authorize(Caller caller, String requested) {
    UserId target = requested == null ? caller.subject() : parseUserId(requested);
    if (caller.isAdmin()) {
      return target;
    }
    if (!caller.isUser()) {
      Set<String> roles = new TreeSet<>(caller.roles());
      throw ProblemException.forbidden(
          "individual data is served to the user it belongs to and to admins only; a token with"
              + " roles "
              + roles
              + " gets no individual data here (analysts and data scientists use cohort reports"
              + " and the lakehouse's pseudonymous tables)");
    }
    if (!target.equals(caller.subject())) {
      throw ProblemException.forbidden(
          "user " + caller.subject() + " may read only their own data, not that of " + target);
    }
    return target;
  }

  private static UserId parseUserId(String value) {
    try {
      return UserId.of(value);
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalid("userId", e.getMessage());
    }
  }
}
