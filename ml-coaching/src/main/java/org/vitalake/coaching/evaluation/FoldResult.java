package org.vitalake.coaching.evaluation;

import java.util.List;
import org.vitalake.coaching.training.ReadinessTrainingConfig;

/** What one outer fold trained on, what it chose and how many test rows it scored. */
public record FoldResult(
    List<String> trainUsers,
    List<String> testUsers,
    ReadinessTrainingConfig chosenConfig,
    double populationMean,
    int trainRows,
    int testRows) {

  public FoldResult {
    trainUsers = List.copyOf(trainUsers);
    testUsers = List.copyOf(testUsers);
    for (String user : testUsers) {
      if (trainUsers.contains(user)) {
        throw new IllegalArgumentException("user " + user + " is in both training and test");
      }
    }
  }
}
