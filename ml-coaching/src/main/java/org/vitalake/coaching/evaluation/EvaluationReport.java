package org.vitalake.coaching.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/** The readiness and anomaly evaluation of one dataset, as the command prints it. */
public record EvaluationReport(
    String dataset,
    int folds,
    long seed,
    ReadinessEvaluationResult readiness,
    AnomalyEvaluationResult anomaly) {

  /** Flat figures in a stable order; the keys are the JSON keys of {@code --json}. */
  public Map<String, Object> figures() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dataset", dataset);
    out.put("mae_model", round(readiness.maeModel()));
    out.put("mae_user_mean", round(readiness.maeUserMean()));
    out.put("mae_persistence", round(readiness.maePersistence()));
    out.put("mae_population_mean", round(readiness.maePopulationMean()));
    out.put("model_beats_every_baseline", readiness.modelBeatsEveryBaseline());
    out.put("n_users_test", readiness.usersTested());
    out.put("n_days_test", readiness.daysTested());
    out.put("n_folds", folds);
    out.put("seed", seed);
    out.put("anomaly_precision", round(anomaly.precision()));
    out.put("anomaly_recall", round(anomaly.recall()));
    out.put("anomaly_false_positive_rate", round(anomaly.falsePositiveRate()));
    out.put("anomaly_injected_days", anomaly.injected());
    out.put("anomaly_clean_days", anomaly.clean());
    anomaly.recallByKind().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.put("anomaly_recall_" + e.getKey(), round(e.getValue())));
    return out;
  }

  private static double round(double value) {
    return Double.isNaN(value) ? value : Math.round(value * 10_000) / 10_000.0;
  }
}
