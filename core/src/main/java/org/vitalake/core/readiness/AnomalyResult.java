package org.vitalake.core.readiness;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.vitalake.core.id.UserId;

/**
 * Whether a user's vitals on a day are unusual for them.
 *
 * @param score the detector's score; below 0 is outside the normal region
 * @param signals the deviations behind a flag, in words with the user's numbers (may be empty)
 * @param model the detector that judged the day
 */
public record AnomalyResult(
    UserId userId,
    LocalDate day,
    boolean anomalous,
    double score,
    List<String> signals,
    ModelRef model) {

  public AnomalyResult {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(model, "model");
    signals = signals == null ? List.of() : List.copyOf(signals);
  }

  /** A day judged ordinary. */
  public static AnomalyResult normal(UserId userId, LocalDate day, double score, ModelRef model) {
    return new AnomalyResult(userId, day, false, score, List.of(), model);
  }
}
