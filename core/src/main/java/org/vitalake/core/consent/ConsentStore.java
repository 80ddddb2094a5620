package org.vitalake.core.consent;

import java.util.List;
import org.vitalake.core.id.UserId;

/**
 * Port to the lakehouse copy of users' consent decisions, which the nightly jobs and the serving
 * API read; identity's database stays the record.
 */
public interface ConsentStore {

  /**
   * Appends decisions in one commit. A decision may be appended more than once (a retried
   * delivery); readers identify a decision by user, purpose and version.
   */
  void append(List<ConsentDecision> decisions);

  /** Every decision stored for the user, each version once, ordered by purpose and version. */
  List<ConsentDecision> findAll(UserId userId);
}
