package org.vitalake.core.readiness;

import java.util.Objects;

/**
 * A model's forecast of the self-reported readiness (0-10) a user will give this morning.
 *
 * @param predicted the forecast, 0-10
 * @param userMean the mean of the user's earlier self-reports, the forecast's reference point
 * @param model the registered model that made it
 */
public record ReadinessPrediction(double predicted, double userMean, ModelRef model) {

  public ReadinessPrediction {
    Objects.requireNonNull(model, "model");
    if (!(predicted >= 0 && predicted <= 10)) {
      throw new IllegalArgumentException(
          "predicted readiness " + predicted + " is outside the allowed range 0-10");
    }
    if (!(userMean >= 0 && userMean <= 10)) {
      throw new IllegalArgumentException(
          "userMean " + userMean + " is outside the allowed range 0-10");
    }
  }
}
