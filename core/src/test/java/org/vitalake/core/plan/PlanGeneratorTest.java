package org.vitalake.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vitalake.core.daily.DailyMetrics;
import org.vitalake.core.id.UserId;
import org.vitalake.core.profile.Sex;
import org.vitalake.core.profile.UserProfile;
import org.vitalake.core.readiness.AnomalyResult;
import org.vitalake.core.readiness.ModelRef;
import org.vitalake.core.readiness.ReadinessCalculator;
import org.vitalake.core.readiness.ReadinessResult;

class PlanGeneratorTest {

  private static final UserId USER = UserId.of("user-7");
  private static final LocalDate DAY = LocalDate.of(2026, 3, 1);
  private static final Instant NOW = Instant.parse("2026-03-01T05:00:00Z");
  private static final ModelRef ANOMALY_MODEL = new ModelRef("vitals-anomaly", "v2");

  @Test
  void givesNewUserWithoutDataAStarterPlanThatSaysSo() {
    // given
    ReadinessResult readiness = ReadinessCalculator.score(USER, List.of(), DAY, 480);

    // when
    CoachingPlan plan =
        PlanGenerator.generate(null, List.of(), readiness, null, DAY, NOW, List.of());

    // then: Mifflin-St Jeor with the stated defaults (70 kg, 170 cm, 35 years, midpoint sex term)
    double bmr = 10 * 70 + 6.25 * 170 - 5 * 35 - 78;
    int expectedCalories = (int) (Math.round(bmr * 1.375 / 10) * 10);
    assertThat(plan.starter()).isTrue();
    assertThat(plan.dailySummary())
        .isEqualTo(new DailySummary(expectedCalories, 0, PlanRules.DEFAULT_STEPS_GOAL, 0));
    assertThat(plan.sleepTargetMinutes()).isEqualTo(480);
    assertThat(plan.readiness().hasScore()).isFalse();
    assertThat(plan.recommendations())
        .extracting(Recommendation::type)
        .containsExactly("nutrition", "activity", "sleep", "recovery");
    assertThat(plan.recommendations())
        .allSatisfy(r -> assertThat(r.message()).contains("Starter plan"));
    assertThat(plan.basedOn().defaultsUsed()).anyMatch(d -> d.startsWith("weight 70 kg"));
    assertThat(plan.basedOn().historyFrom()).isNull();
    assertThat(plan.dataCoverage()).isEqualTo(new DataCoverage(14, 0, 0, 0));
  }

  @Test
  void usesJournalIntakeWhenUserOnlyLogsMeals() {
    // given
    List<DailyMetrics> history = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      history.add(journalDay(DAY.minusDays(i), 1500.0 + 100 * i, 80.0));
    }
    ReadinessResult readiness = ReadinessCalculator.score(USER, history, DAY, 480);

    // when
    CoachingPlan plan = PlanGenerator.generate(null, history, readiness, null, DAY, NOW, List.of());

    // then
    assertThat(plan.starter()).isFalse();
    assertThat(readiness.reason()).contains("only 0 of the previous 60 nights");
    assertThat(plan.dailySummary().currentIntake()).isEqualTo(1500);
    assertThat(plan.recommendations().get(0).message())
        .contains("1,500 kcal")
        .contains("80 g protein");
    assertThat(plan.recommendations().get(2).message()).contains("no sleep was recorded");
    assertThat(plan.recommendations().get(3).message()).contains("Readiness is not scored today");
    assertThat(plan.dataCoverage()).isEqualTo(new DataCoverage(14, 0, 0, 5));
  }

  @Test
  void plansAroundMissingSleepFromStepsAndHeartRate() {
    // given: 20 days of steps and resting HR, no sleep at all
    List<DailyMetrics> history = new ArrayList<>();
    List<Double> lastFourteenSteps = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      long steps = 6000 + 250L * i;
      if (i <= 14) {
        lastFourteenSteps.add((double) steps);
      }
      history.add(wearableDay(DAY.minusDays(i), steps, 52.0, null, 35.0));
    }
    ReadinessResult readiness = ReadinessCalculator.score(USER, history, DAY, 480);

    // when
    CoachingPlan plan = PlanGenerator.generate(null, history, readiness, null, DAY, NOW, List.of());

    // then: resting HR at baseline (75), load ratio 1 and yesterday at the average (100 each)
    // give (0.25 * 75 + 0.1 * 100 + 0.1 * 100) / 0.45 = 86, high: median of the 14 days before
    // +10 %, rounded to 100
    double median = PlanRules.median(lastFourteenSteps);
    long expected = Math.round(median * 1.10 / 100) * 100;
    assertThat(readiness.score())
        .isEqualTo((int) Math.round((0.25 * 75 + 0.1 * 100 + 0.1 * 100) / 0.45));
    assertThat(readiness.contributor("sleep")).isEmpty();
    assertThat(plan.dailySummary().stepsGoal()).isEqualTo((int) expected);
    assertThat(plan.sleepTargetMinutes()).isEqualTo(480);
    assertThat(plan.recommendations().get(2).message())
        .contains("no sleep was recorded in the last 14");
    assertThat(plan.recommendations().get(1).message()).contains(String.format("%,.0f", median));
  }

  @Test
  void holdsStepsAndAdvisesRestWhenVitalsAreAnomalous() {
    // given
    List<DailyMetrics> history = new ArrayList<>();
    List<Double> steps = new ArrayList<>();
    for (int i = 1; i <= 14; i++) {
      steps.add(9000.0 + 100 * i);
      history.add(wearableDay(DAY.minusDays(i), 9000L + 100 * i, 50.0, 450.0, 40.0));
    }
    history.add(wearableDay(DAY, 1200L, 60.0, 300.0, null));
    ReadinessResult readiness = ReadinessCalculator.score(USER, history, DAY, 480);
    AnomalyResult anomaly =
        new AnomalyResult(
            USER,
            DAY,
            true,
            -0.8,
            List.of("resting heart rate 10.0 bpm above your 60-day mean"),
            ANOMALY_MODEL);

    // when
    CoachingPlan plan =
        PlanGenerator.generate(null, history, readiness, anomaly, DAY, NOW, List.of(ANOMALY_MODEL));

    // then
    long expected = Math.round(PlanRules.median(steps) / 100) * 100;
    assertThat(plan.dailySummary().stepsGoal()).isEqualTo((int) expected);
    assertThat(plan.dailySummary().currentSteps()).isEqualTo(1200);
    assertThat(plan.anomalyAlerts())
        .containsExactly("resting heart rate 10.0 bpm above your 60-day mean");
    Recommendation recovery = plan.recommendations().get(3);
    assertThat(recovery.basis()).isEqualTo("vitals-anomaly v2");
    assertThat(recovery.message()).contains("vitals-anomaly v2").contains("10.0 bpm");
    assertThat(plan.recommendations().get(1).message()).contains("+0 %").contains("unusual");
  }

  @Test
  void computesCalorieGoalFromProfileAndRecentActivity() {
    // given: male, 80 kg, 180 cm, born 1996, 45 active minutes a day
    UserProfile profile =
        new UserProfile(
            USER, 1996, Sex.MALE, 180.0, 80.0, ZoneId.of("Europe/Oslo"), List.of(), NOW);
    List<DailyMetrics> history = new ArrayList<>();
    for (int i = 1; i <= 14; i++) {
      history.add(wearableDay(DAY.minusDays(i), 8000L, 55.0, 470.0, 45.0));
    }

    // when
    PlanRules.CalorieGoal goal = PlanRules.calorieGoal(profile, history, DAY);

    // then
    double bmr = 10 * 80 + 6.25 * 180 - 5 * (2026 - 1996) + 5;
    assertThat(goal.bmr()).isEqualTo(bmr);
    assertThat(goal.activityFactor()).isEqualTo(1.55);
    assertThat(goal.goal()).isEqualTo((int) (Math.round(bmr * 1.55 / 10) * 10));
    assertThat(goal.defaultsUsed()).isEmpty();
  }

  @Test
  void addsAPartOfTheSleepDebtToTonightsTarget() {
    // given: 14 nights of 6 h -> debt 14 * 120 = 1680 min, a seventh is 240, capped at 60
    List<DailyMetrics> history = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      history.add(wearableDay(DAY.minusDays(i), null, null, 360.0, null));
    }

    // then
    assertThat(PlanRules.sleepTargetMinutes(history, DAY, 480)).isEqualTo(540);
  }

  @Test
  void isDeterministicForTheSameInputs() {
    // given
    List<DailyMetrics> history = new ArrayList<>();
    for (int i = 0; i <= 30; i++) {
      history.add(
          wearableDay(DAY.minusDays(i), 7000L + 37 * i, 50.0 + i % 4, 400.0 + 3 * i, 20.0 + i));
    }
    ReadinessResult readiness = ReadinessCalculator.score(USER, history, DAY, 480);

    // when
    CoachingPlan first =
        PlanGenerator.generate(null, history, readiness, null, DAY, NOW, List.of());
    CoachingPlan second =
        PlanGenerator.generate(null, reversed(history), readiness, null, DAY, NOW, List.of());

    // then
    assertThat(second).isEqualTo(first);
    assertThat(PlanJson.write(second)).isEqualTo(PlanJson.write(first));
  }

  static List<DailyMetrics> reversed(List<DailyMetrics> history) {
    List<DailyMetrics> out = new ArrayList<>(history);
    java.util.Collections.reverse(out);
    return out;
  }

  static DailyMetrics journalDay(LocalDate date, Double kcal, Double protein) {
    return new DailyMetrics(
        USER,
        date,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        kcal,
        protein,
        null,
        null,
        List.of("journal"));
  }

  static DailyMetrics wearableDay(
      LocalDate date, Long steps, Double restingHr, Double sleep, Double activeMinutes) {
    return new DailyMetrics(
        USER,
        date,
        steps,
        activeMinutes,
        null,
        restingHr,
        null,
        sleep,
        null,
        null,
        null,
        null,
        null,
        null,
        0.9,
        List.of("watch"));
  }
}
