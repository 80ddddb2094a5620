package org.vitalake.coaching.training;

import java.util.Objects;
import org.vitalake.coaching.features.ReadinessFeatures;

/** One labelled training or test row: a user's causal features and that morning's self-report. */
public record ReadinessExample(String userId, ReadinessFeatures features, double label) {

  public ReadinessExample {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(features, "features");
    if (label < 0 || label > 10) {
      throw new IllegalArgumentException("label " + label + " is outside the allowed range 0..10");
    }
  }
}
