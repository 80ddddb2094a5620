package org.vitalake.core.readiness;

import java.util.Objects;

/**
 * One input to a readiness score and what it did to it.
 *
 * @param code stable name: {@code resting_hr}, {@code hrv}, {@code sleep}, {@code training_load},
 *     {@code previous_day_activity} or {@code predicted_self_report}
 * @param value today's value in {@code unit} (e.g. bpm, ln ms, minutes, ratio)
 * @param baseline the personal reference it is compared with, or {@code null}
 * @param unit unit of value and baseline
 * @param subScore 0-100, where this input alone would put readiness
 * @param weight share of the final score, 0-1 (the weights of a score add up to 1)
 * @param message the comparison in words, citing the user's own numbers
 */
public record Contributor(
    String code,
    double value,
    Double baseline,
    String unit,
    double subScore,
    double weight,
    String message) {

  public Contributor {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(message, "message");
    if (!(subScore >= 0 && subScore <= 100)) {
      throw new IllegalArgumentException(
          "subScore " + subScore + " of " + code + " is outside the allowed range 0-100");
    }
    if (!(weight >= 0 && weight <= 1)) {
      throw new IllegalArgumentException(
          "weight " + weight + " of " + code + " is outside the allowed range 0-1");
    }
  }

  /** {@code positive} (sub-score at least 75), {@code negative} (below 50) or {@code neutral}. */
  public String effect() {
    return subScore >= 75 ? "positive" : subScore < 50 ? "negative" : "neutral";
  }

  Contributor withWeight(double newWeight) {
    return new Contributor(code, value, baseline, unit, subScore, newWeight, message);
  }
}
