package org.vitalake.coaching.training;

import java.util.List;

/**
 * Hyper-parameters of the readiness regression (a linear model trained by seeded SGD).
 *
 * @param loss {@code absolute} (optimises MAE directly) or {@code huber}
 * @param learningRate AdaGrad initial learning rate
 * @param epochs passes over the training rows
 * @param seed seed of the example shuffling, so a retrain on the same rows gives the same model
 */
public record ReadinessTrainingConfig(String loss, double learningRate, int epochs, long seed) {

  public static final long DEFAULT_SEED = 20191101L;

  public ReadinessTrainingConfig {
    if (!List.of("absolute", "huber").contains(loss)) {
      throw new IllegalArgumentException("loss '" + loss + "' must be one of absolute, huber");
    }
    if (!(learningRate > 0 && learningRate <= 1)) {
      throw new IllegalArgumentException(
          "learningRate " + learningRate + " is outside the allowed range (0, 1]");
    }
    if (epochs < 1 || epochs > 1000) {
      throw new IllegalArgumentException(
          "epochs " + epochs + " is outside the allowed range 1..1000");
    }
  }

  /** The candidates leave-users-out tuning chooses from. */
  public static List<ReadinessTrainingConfig> grid(long seed) {
    return List.of(
        new ReadinessTrainingConfig("absolute", 0.01, 10, seed),
        new ReadinessTrainingConfig("absolute", 0.05, 10, seed),
        new ReadinessTrainingConfig("absolute", 0.05, 30, seed),
        new ReadinessTrainingConfig("absolute", 0.2, 20, seed),
        new ReadinessTrainingConfig("huber", 0.01, 10, seed),
        new ReadinessTrainingConfig("huber", 0.05, 30, seed));
  }

  /** A sound default when there are too few users to tune. */
  public static ReadinessTrainingConfig defaults() {
    return new ReadinessTrainingConfig("absolute", 0.05, 10, DEFAULT_SEED);
  }
}
