package org.vitalake.coaching.evaluation;

import java.util.Map;

/**
 * Detection counts on held-out users' days after injecting known anomalies.
 *
 * @param recallByKind share of injected days detected, per kind of injected shift
 */
public record AnomalyEvaluationResult(
    int injected,
    int clean,
    int truePositives,
    int falsePositives,
    Map<String, Double> recallByKind) {

  public AnomalyEvaluationResult {
    recallByKind = Map.copyOf(recallByKind);
  }

  public double precision() {
    int flagged = truePositives + falsePositives;
    return flagged == 0 ? Double.NaN : (double) truePositives / flagged;
  }

  public double recall() {
    return injected == 0 ? Double.NaN : (double) truePositives / injected;
  }

  /** Share of clean held-out days flagged (natural anomalies included). */
  public double falsePositiveRate() {
    return clean == 0 ? Double.NaN : (double) falsePositives / clean;
  }
}
