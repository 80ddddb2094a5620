package org.vitalake.coaching.features;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * The causal feature vector for one user's morning: everything in it was known the evening before
 * {@code day}.
 *
 * @param userMean mean of the user's self-reports before {@code day} (the personal baseline)
 * @param lastLabel the user's most recent self-report before {@code day}
 * @param priorLabels how many self-reports the user gave before {@code day}
 * @param values one value per {@link ReadinessFeatureExtractor#FEATURE_NAMES} entry
 */
public record ReadinessFeatures(
    LocalDate day, double userMean, double lastLabel, int priorLabels, double[] values) {

  public ReadinessFeatures {
    Objects.requireNonNull(day, "day");
    values = values.clone();
    if (values.length != ReadinessFeatureExtractor.FEATURE_NAMES.size()) {
      throw new IllegalArgumentException(
          "expected "
              + ReadinessFeatureExtractor.FEATURE_NAMES.size()
              + " feature values, got "
              + values.length);
    }
    if (priorLabels < 1) {
      throw new IllegalArgumentException("priorLabels " + priorLabels + " must be at least 1");
    }
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ReadinessFeatures that
        && day.equals(that.day)
        && userMean == that.userMean
        && lastLabel == that.lastLabel
        && priorLabels == that.priorLabels
        && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(day, userMean, lastLabel, priorLabels, Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return "ReadinessFeatures[day="
        + day
        + ", userMean="
        + userMean
        + ", lastLabel="
        + lastLabel
        + ", priorLabels="
        + priorLabels
        + ", values="
        + Arrays.toString(values)
        + "]";
  }
}
