package org.vitalake.coaching.evaluation;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** Held-out predictions of every fold, and the mean absolute errors they give. */
public record ReadinessEvaluationResult(List<FoldResult> folds, List<ScoredDay> days) {

  public ReadinessEvaluationResult {
    folds = List.copyOf(folds);
    days = List.copyOf(days);
  }

  public double maeModel() {
    return mae(ScoredDay::model);
  }

  public double maeUserMean() {
    return mae(ScoredDay::userMean);
  }

  public double maePersistence() {
    return mae(ScoredDay::persistence);
  }

  public double maePopulationMean() {
    return mae(ScoredDay::populationMean);
  }

  public long usersTested() {
    return days.stream().map(ScoredDay::userId).distinct().count();
  }

  public int daysTested() {
    return days.size();
  }

  /** True when the model's MAE is below every baseline's. */
  public boolean modelBeatsEveryBaseline() {
    double model = maeModel();
    return model < maeUserMean() && model < maePersistence() && model < maePopulationMean();
  }

  private double mae(ToDoubleFunction<ScoredDay> prediction) {
    return days.stream()
        .mapToDouble(d -> Math.abs(d.label() - prediction.applyAsDouble(d)))
        .average()
        .orElse(Double.NaN);
  }
}
