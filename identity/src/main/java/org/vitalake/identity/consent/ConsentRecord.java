package org.vitalake.identity.consent;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import org.vitalake.core.consent.ConsentDecision;
import org.vitalake.core.consent.Purpose;
import org.vitalake.core.id.UserId;

/**
 * One version of a user's decision about one purpose.
 *
 * @param version 1 for the first decision about the purpose, then incremented on each change
 * @param policyVersion the version of the policy text the user saw, when the client sends it
 */
public record ConsentRecord(
    Purpose purpose,
    int version,
    boolean granted,
    @Nullable String policyVersion,
    Instant recordedAt) {

  /** The decision as the lakehouse copy holds it. */
  public ConsentDecision decisionOf(UserId userId) {
    return new ConsentDecision(userId, purpose, version, granted, policyVersion, recordedAt);
  }
}
