package org.vitalake.core.consent;

import java.time.Instant;
import java.util.Objects;
import org.vitalake.core.id.UserId;

/**
 * One version of a user's decision about one purpose, as identity recorded it. Decisions are never
 * changed: a new decision is a new version, and the highest version is the one in effect.
 *
 * @param userId the pseudonymous user
 * @param purpose what the decision is about
 * @param version 1 for the user's first decision about the purpose, then one more for each change
 * @param granted whether the user agreed
 * @param policyVersion the version of the policy text the user saw, when the app sent it; nullable
 * @param recordedAt when identity recorded the decision
 */
public record ConsentDecision(
    UserId userId,
    Purpose purpose,
    int version,
    boolean granted,
    String policyVersion,
    Instant recordedAt) {

  public ConsentDecision {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(recordedAt, "recordedAt");
    if (version < 1) {
      throw new IllegalArgumentException("consent version is " + version + " but must be >= 1");
    }
  }
}
