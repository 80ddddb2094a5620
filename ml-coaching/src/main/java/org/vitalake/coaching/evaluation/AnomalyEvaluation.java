package org.vitalake.coaching.evaluation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.vitalake.coaching.anomaly.VitalsAnomalyModel;
import org.vitalake.coaching.anomaly.VitalsAnomalyTrainer;
import org.vitalake.coaching.anomaly.VitalsFeatureExtractor;
import org.vitalake.coaching.anomaly.VitalsFeatures;
import org.vitalake.coaching.features.DayObservation;

/**
 * Leave-users-out precision and recall of the vitals anomaly detector on injected anomalies.
 *
 * <p>The detector of each fold is trained on the other folds' users. In the held-out users, a
 * seeded {@link #INJECTION_RATE} share of the scorable days gets one {@link AnomalyInjection};
 * every day is scored against the user's unmodified earlier days. Clean days the detector flags
 * count as false positives even when they are real unusual days, so precision is a lower bound.
 */
public final class AnomalyEvaluation {

  public static final double INJECTION_RATE = 0.10;

  private final int folds;
  private final long seed;
  private final VitalsFeatureExtractor extractor = new VitalsFeatureExtractor();

  public AnomalyEvaluation(int folds, long seed) {
    this.folds = folds;
    this.seed = seed;
  }

  public AnomalyEvaluationResult evaluate(Map<String, List<DayObservation>> users) {
    Map<String, List<VitalsFeatures>> clean = new TreeMap<>();
    users.forEach((user, days) -> clean.put(user, scorable(days)));
    clean.values().removeIf(List::isEmpty);
    List<List<String>> split = UserFolds.split(clean.keySet(), folds, seed);
    Random random = new Random(seed);
    int injected = 0;
    int cleanDays = 0;
    int truePositives = 0;
    int falsePositives = 0;
    Map<AnomalyInjection, int[]> perKind = new EnumMap<>(AnomalyInjection.class);
    for (List<String> testUsers : split) {
      List<VitalsFeatures> train = new ArrayList<>();
      clean.forEach(
          (user, rows) -> {
            if (!testUsers.contains(user)) {
              train.addAll(rows);
            }
          });
      VitalsAnomalyModel model =
          new VitalsAnomalyTrainer().train(train, "anomaly fold, test users " + testUsers);
      for (String user : testUsers) {
        List<DayObservation> days = users.get(user);
        for (DayObservation day : days) {
          AnomalyInjection kind =
              random.nextDouble() < INJECTION_RATE ? AnomalyInjection.choose(day, random) : null;
          DayObservation scored = kind == null ? day : kind.apply(day);
          var features = extractor.extract(days, scored);
          if (features.isEmpty()) {
            continue;
          }
          boolean flagged = model.isAnomalous(features.get());
          if (kind != null) {
            injected++;
            int[] counts = perKind.computeIfAbsent(kind, k -> new int[2]);
            counts[0]++;
            if (flagged) {
              truePositives++;
              counts[1]++;
            }
          } else {
            cleanDays++;
            if (flagged) {
              falsePositives++;
            }
          }
        }
      }
    }
    Map<String, Double> recallByKind = new TreeMap<>();
    perKind.forEach(
        (kind, counts) -> recallByKind.put(kind.code(), (double) counts[1] / counts[0]));
    return new AnomalyEvaluationResult(
        injected, cleanDays, truePositives, falsePositives, recallByKind);
  }

  /** Every day of the user that has a vital with a baseline, scored against the days before it. */
  public List<VitalsFeatures> scorable(List<DayObservation> days) {
    List<VitalsFeatures> out = new ArrayList<>();
    for (DayObservation day : days) {
      extractor.extract(days, day).ifPresent(out::add);
    }
    return out;
  }
}
