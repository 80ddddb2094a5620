package org.vitalake.core.consent;

import java.util.Collection;
import java.util.Objects;

/**
 * The platform's consent rule, in one place: a purpose is in effect for a user unless the user's
 * latest decision about it (the highest version) withdrew it. A user who never decided is covered
 * by the terms accepted at registration, which include coaching and pseudonymous research; the
 * decisions a user records change that from then on. The nightly pipeline applies the same rule in
 * Spark (see {@code docs/adr/0005-consent-enforcement.md}).
 */
public final class Consents {

  private Consents() {}

  /**
   * Whether {@code purpose} is in effect given one user's decisions (any purposes, any order, a
   * version possibly repeated).
   */
  public static boolean inEffect(Collection<ConsentDecision> decisions, Purpose purpose) {
    Objects.requireNonNull(purpose, "purpose");
    ConsentDecision latest = null;
    for (ConsentDecision decision : decisions) {
      if (decision.purpose() == purpose
          && (latest == null || decision.version() > latest.version())) {
        latest = decision;
      }
    }
    return latest == null || latest.granted();
  }
}
