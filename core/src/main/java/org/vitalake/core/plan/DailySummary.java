package org.vitalake.core.plan;

/**
 * Today's targets and progress, as in the seed contract.
 *
 * @param calorieGoal kcal to eat today
 * @param currentIntake kcal logged in the journal today (0 when nothing is logged)
 * @param stepsGoal steps to reach today
 * @param currentSteps steps counted today so far (0 when nothing is synced)
 */
public record DailySummary(int calorieGoal, int currentIntake, int stepsGoal, long currentSteps) {

  public DailySummary {
    if (calorieGoal < 800 || calorieGoal > 6000) {
      throw new IllegalArgumentException(
          "calorieGoal " + calorieGoal + " is outside the allowed range 800-6000 kcal");
    }
    if (currentIntake < 0) {
      throw new IllegalArgumentException("currentIntake " + currentIntake + " must be at least 0");
    }
    if (stepsGoal < 1000 || stepsGoal > 40000) {
      throw new IllegalArgumentException(
          "stepsGoal " + stepsGoal + " is outside the allowed range 1000-40000");
    }
    if (currentSteps < 0) {
      throw new IllegalArgumentException("currentSteps " + currentSteps + " must be at least 0");
    }
  }
}
