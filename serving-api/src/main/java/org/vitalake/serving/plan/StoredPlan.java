package org.vitalake.serving.plan;

import java.time.Instant;
import java.util.List;
import org.vitalake.core.plan.CoachingPlan;

/**
 * A row of {@code gold.coaching_plans}: the nightly run's plan and its provenance.
 *
 * @param createdAt when the nightly run wrote it
 * @param inputSnapshotIds snapshot ids of the tables it was computed from
 */
public record StoredPlan(
    CoachingPlan plan,
    String modelId,
    String modelVersion,
    List<Long> inputSnapshotIds,
    Instant createdAt) {

  public StoredPlan {
    inputSnapshotIds = inputSnapshotIds == null ? List.of() : List.copyOf(inputSnapshotIds);
  }
}
