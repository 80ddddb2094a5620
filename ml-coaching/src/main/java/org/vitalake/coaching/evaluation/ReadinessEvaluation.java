package org.vitalake.coaching.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vitalake.coaching.features.DayObservation;
import org.vitalake.coaching.training.ReadinessExample;
import org.vitalake.coaching.training.ReadinessExamples;
import org.vitalake.coaching.training.ReadinessModelTrainer;
import org.vitalake.coaching.training.ReadinessRegressor;
import org.vitalake.coaching.training.ReadinessTrainingConfig;

/**
 * Leave-users-out evaluation of the readiness regression against three causal baselines.
 *
 * <p>Users are split into folds; each fold's users are predicted by a model trained on the other
 * folds only, with hyper-parameters chosen by an inner leave-users-out split of those training
 * users. Every held-out row's features (and the user-mean and persistence baselines) come from that
 * user's own earlier days; the population baseline is the mean label of the training users.
 */
public final class ReadinessEvaluation {

  public static final int DEFAULT_FOLDS = 4;

  private final int folds;
  private final long seed;
  private final ReadinessExamples examples = new ReadinessExamples();
  private final ReadinessModelTrainer trainer = new ReadinessModelTrainer();

  public ReadinessEvaluation(int folds, long seed) {
    this.folds = folds;
    this.seed = seed;
  }

  /** Evaluates on the users' days, keyed by user id. */
  public ReadinessEvaluationResult evaluate(Map<String, List<DayObservation>> users) {
    Map<String, List<ReadinessExample>> byUser = examplesByUser(users);
    List<List<String>> split = UserFolds.split(byUser.keySet(), folds, seed);
    List<FoldResult> foldResults = new ArrayList<>();
    List<ScoredDay> scored = new ArrayList<>();
    for (List<String> testUsers : split) {
      List<String> trainUsers =
          byUser.keySet().stream().filter(u -> !testUsers.contains(u)).sorted().toList();
      ReadinessTrainingConfig config = tune(byUser, trainUsers);
      List<ReadinessExample> train = rows(byUser, trainUsers);
      double populationMean = populationMean(users, trainUsers);
      ReadinessRegressor model =
          trainer.train(train, config, "leave-users-out fold, train users " + trainUsers);
      List<ReadinessExample> test = rows(byUser, testUsers);
      for (ReadinessExample e : test) {
        scored.add(
            new ScoredDay(
                e.userId(),
                e.features().day(),
                e.label(),
                model.predict(e.features()),
                e.features().userMean(),
                e.features().lastLabel(),
                populationMean));
      }
      foldResults.add(
          new FoldResult(trainUsers, testUsers, config, populationMean, train.size(), test.size()));
    }
    scored.sort(Comparator.comparing(ScoredDay::userId).thenComparing(ScoredDay::day));
    return new ReadinessEvaluationResult(foldResults, scored);
  }

  /** Chooses the grid config with the lowest pooled MAE over an inner leave-users-out split. */
  public ReadinessTrainingConfig tune(
      Map<String, List<ReadinessExample>> byUser, List<String> trainUsers) {
    List<ReadinessTrainingConfig> grid = ReadinessTrainingConfig.grid(seed);
    int innerFolds = Math.min(3, trainUsers.size());
    if (innerFolds < 2) {
      return ReadinessTrainingConfig.defaults();
    }
    List<List<String>> inner = UserFolds.split(trainUsers, innerFolds, seed + 1);
    ReadinessTrainingConfig best = grid.get(0);
    double bestMae = Double.POSITIVE_INFINITY;
    for (ReadinessTrainingConfig candidate : grid) {
      double errorSum = 0;
      int count = 0;
      for (List<String> validation : inner) {
        List<String> fit = trainUsers.stream().filter(u -> !validation.contains(u)).toList();
        List<ReadinessExample> fitRows = rows(byUser, fit);
        List<ReadinessExample> validationRows = rows(byUser, validation);
        if (fitRows.isEmpty() || validationRows.isEmpty()) {
          continue;
        }
        ReadinessRegressor model = trainer.train(fitRows, candidate, "tuning");
        for (ReadinessExample e : validationRows) {
          errorSum += Math.abs(e.label() - model.predict(e.features()));
          count++;
        }
      }
      double mae = count == 0 ? Double.POSITIVE_INFINITY : errorSum / count;
      if (mae < bestMae) {
        bestMae = mae;
        best = candidate;
      }
    }
    return best;
  }

  /** Labelled examples of every user, keyed by user id in the input's order. */
  public Map<String, List<ReadinessExample>> examplesByUser(
      Map<String, List<DayObservation>> users) {
    Map<String, List<ReadinessExample>> byUser = new LinkedHashMap<>();
    users.forEach(
        (user, days) -> {
          List<ReadinessExample> rows = examples.create(user, days);
          if (!rows.isEmpty()) {
            byUser.put(user, rows);
          }
        });
    return byUser;
  }

  private static List<ReadinessExample> rows(
      Map<String, List<ReadinessExample>> byUser, List<String> users) {
    List<ReadinessExample> out = new ArrayList<>();
    for (String user : users) {
      out.addAll(byUser.getOrDefault(user, List.of()));
    }
    return out;
  }

  private static double populationMean(
      Map<String, List<DayObservation>> users, List<String> trainUsers) {
    return trainUsers.stream()
        .flatMap(u -> users.get(u).stream())
        .filter(d -> d.selfReportedReadiness() != null)
        .mapToDouble(DayObservation::selfReportedReadiness)
        .average()
        .orElseThrow(() -> new IllegalArgumentException("training users have no labels"));
  }
}
