package org.vitalake.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vitalake.core.daily.DailyMetrics;
import org.vitalake.core.id.UserId;
import org.vitalake.core.readiness.AnomalyResult;
import org.vitalake.core.readiness.ModelRef;
import org.vitalake.core.readiness.ReadinessCalculator;
import org.vitalake.core.readiness.ReadinessPrediction;
import org.vitalake.core.readiness.ReadinessResult;

class PlanJsonTest {

  private static final UserId USER = UserId.of("user-7");
  private static final LocalDate DAY = LocalDate.of(2026, 3, 1);
  private static final Instant NOW = Instant.parse("2026-03-01T05:00:00Z");

  @Test
  void readsBackWhatItWritesForAFullPlan() {
    // given
    CoachingPlan plan = fullPlan();

    // when
    String json = PlanJson.write(plan);

    // then
    assertThat(PlanJson.read(json)).isEqualTo(plan);
    assertThat(json)
        .startsWith(
            "{\"userId\":\"user-7\",\"planDate\":\"2026-03-01\",\"updatedAt\":\"2026-03-01T05:00:00Z\"")
        .contains("\"dailySummary\":{\"calorieGoal\":" + plan.dailySummary().calorieGoal())
        .contains("\"recommendations\":[{\"id\":\"rec-1\",\"type\":\"nutrition\"")
        .contains("\"anomalyAlerts\":[\"sleep 3 h 0 min \\\"short\\\"\"]");
  }

  @Test
  void readsBackAStarterPlanWithNulls() {
    // given
    ReadinessResult readiness = ReadinessCalculator.score(USER, List.of(), DAY, 480);
    CoachingPlan plan =
        PlanGenerator.generate(null, List.of(), readiness, null, DAY, NOW, List.of());

    // then
    assertThat(PlanJson.read(PlanJson.write(plan))).isEqualTo(plan);
    assertThat(PlanJson.write(plan)).contains("\"score\":null").contains("\"anomaly\":null");
  }

  @Test
  void namesTheMissingField() {
    // given
    String json = PlanJson.write(fullPlan()).replace("\"stepsGoal\"", "\"stepGoal\"");

    // then
    assertThatThrownBy(() -> PlanJson.read(json))
        .isInstanceOf(PlanJsonException.class)
        .hasMessageContaining("plan.dailySummary.stepsGoal");
  }

  @Test
  void namesThePositionOfMalformedJson() {
    assertThatThrownBy(() -> PlanJson.read("{\"userId\": tru}"))
        .isInstanceOf(PlanJsonException.class)
        .hasMessageContaining("character 11");
  }

  private static CoachingPlan fullPlan() {
    List<DailyMetrics> history = new ArrayList<>();
    for (int i = 0; i <= 40; i++) {
      history.add(
          new DailyMetrics(
              USER,
              DAY.minusDays(i),
              8000L + 11 * i,
              30.0 + i % 7,
              2300.0,
              52.0 + i % 3,
              45.0 + i % 5,
              i == 0 ? 180.0 : 420.0 + i,
              0.9,
              60.0,
              90.0,
              i == 0 ? 900.0 : 2100.0,
              70.0,
              3.0,
              0.95,
              List.of("watch")));
    }
    ModelRef readinessModel = new ModelRef("readiness-regression", "v4");
    ModelRef anomalyModel = new ModelRef("vitals-anomaly", "v2");
    ReadinessResult readiness =
        ReadinessCalculator.personalize(
            ReadinessCalculator.score(history, DAY),
            new ReadinessPrediction(5.5, 6.25, readinessModel));
    AnomalyResult anomaly =
        new AnomalyResult(
            USER, DAY, true, -0.3, List.of("sleep 3 h 0 min \"short\""), anomalyModel);
    return PlanGenerator.generate(
        null, history, readiness, anomaly, DAY, NOW, List.of(readinessModel, anomalyModel));
  }
}
