package org.vitalake.coaching.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vitalake.coaching.anomaly.VitalsAnomalyModel;
import org.vitalake.coaching.anomaly.VitalsAnomalyTrainer;
import org.vitalake.coaching.anomaly.VitalsFeatures;
import org.vitalake.coaching.evaluation.AnomalyEvaluation;
import org.vitalake.coaching.evaluation.AnomalyEvaluationResult;
import org.vitalake.coaching.evaluation.ReadinessEvaluation;
import org.vitalake.coaching.evaluation.ReadinessEvaluationResult;
import org.vitalake.coaching.features.DayObservation;
import org.vitalake.coaching.registry.ModelRegistry;
import org.vitalake.coaching.registry.RegistryEntry;

/**
 * The nightly training step: evaluates leave-users-out, trains both models on every user with the
 * tuned settings, and registers them with their metrics and training snapshot ids.
 */
public final class CoachingModelTrainer {

  /** Both registered entries. */
  public record Trained(RegistryEntry readiness, RegistryEntry anomaly) {}

  private final ModelRegistry registry;
  private final int folds;
  private final long seed;

  public CoachingModelTrainer(ModelRegistry registry, int folds, long seed) {
    this.registry = registry;
    this.folds = folds;
    this.seed = seed;
  }

  /**
   * Trains and registers the readiness regression and the vitals anomaly model.
   *
   * @param users each user's day rows (see {@link
   *     org.vitalake.coaching.features.DayObservations#from})
   * @param snapshotIds the lakehouse snapshot ids the rows were read from
   */
  public Trained trainAndRegister(
      Map<String, List<DayObservation>> users, List<String> snapshotIds) {
    ReadinessEvaluation evaluation = new ReadinessEvaluation(folds, seed);
    var byUser = evaluation.examplesByUser(users);
    ReadinessEvaluationResult readinessResult = evaluation.evaluate(users);
    ReadinessTrainingConfig config =
        evaluation.tune(byUser, byUser.keySet().stream().sorted().toList());
    List<ReadinessExample> all = new ArrayList<>();
    byUser.values().forEach(all::addAll);
    ReadinessRegressor regressor =
        new ReadinessModelTrainer()
            .train(all, config, "vitalake daily rows, snapshots " + snapshotIds);
    Map<String, Double> readinessMetrics = new LinkedHashMap<>();
    readinessMetrics.put("mae_model", readinessResult.maeModel());
    readinessMetrics.put("mae_user_mean", readinessResult.maeUserMean());
    readinessMetrics.put("mae_persistence", readinessResult.maePersistence());
    readinessMetrics.put("mae_population_mean", readinessResult.maePopulationMean());
    readinessMetrics.put("n_days_test", (double) readinessResult.daysTested());
    readinessMetrics.put("n_users_test", (double) readinessResult.usersTested());
    RegistryEntry readinessEntry =
        registry.register(
            ModelRegistry.READINESS_MODEL_ID,
            regressor.tribuoModel(),
            snapshotIds,
            readinessMetrics);

    AnomalyEvaluation anomalyEvaluation = new AnomalyEvaluation(folds, seed);
    AnomalyEvaluationResult anomalyResult = anomalyEvaluation.evaluate(users);
    List<VitalsFeatures> rows = new ArrayList<>();
    users.values().forEach(days -> rows.addAll(anomalyEvaluation.scorable(days)));
    VitalsAnomalyModel anomalyModel =
        new VitalsAnomalyTrainer().train(rows, "vitalake daily vitals, snapshots " + snapshotIds);
    Map<String, Double> anomalyMetrics = new LinkedHashMap<>();
    anomalyMetrics.put("precision_injected", anomalyResult.precision());
    anomalyMetrics.put("recall_injected", anomalyResult.recall());
    anomalyMetrics.put("false_positive_rate", anomalyResult.falsePositiveRate());
    RegistryEntry anomalyEntry =
        registry.register(
            ModelRegistry.ANOMALY_MODEL_ID,
            anomalyModel.tribuoModel(),
            snapshotIds,
            anomalyMetrics);
    return new Trained(readinessEntry, anomalyEntry);
  }
}
