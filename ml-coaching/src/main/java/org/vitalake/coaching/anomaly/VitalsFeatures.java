package org.vitalake.coaching.anomaly;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/** One day's vitals as z-scores against the user's own baseline. */
public record VitalsFeatures(LocalDate day, double[] values) {

  public VitalsFeatures {
    Objects.requireNonNull(day, "day");
    values = values.clone();
    if (values.length != VitalsFeatureExtractor.FEATURE_NAMES.size()) {
      throw new IllegalArgumentException(
          "expected "
              + VitalsFeatureExtractor.FEATURE_NAMES.size()
              + " values, got "
              + values.length);
    }
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  /** The z-score of the named feature. */
  public double value(String name) {
    int index = VitalsFeatureExtractor.FEATURE_NAMES.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException(
          "unknown vitals feature '"
              + name
              + "', expected one of "
              + VitalsFeatureExtractor.FEATURE_NAMES);
    }
    return values[index];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VitalsFeatures that
        && day.equals(that.day)
        && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return 31 * day.hashCode() + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "VitalsFeatures[day=" + day + ", values=" + Arrays.toString(values) + "]";
  }
}
