package org.vitalake.serving.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vitalake.core.daily.DailyMetrics;
import org.vitalake.core.id.UserId;
import org.vitalake.core.plan.CoachingPlan;
import org.vitalake.core.plan.PlanGenerator;
import org.vitalake.core.readiness.ReadinessCalculator;
import org.vitalake.serving.realtime.DayTotals;

class PlanMergeTest {

  private static final UserId ANA = UserId.of("ana");
  private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
  private static final Instant NIGHTLY = Instant.parse("2026-03-14T02:00:00Z");

  private static CoachingPlan starterPlan() {
    return PlanGenerator.generate(
        null,
        List.of(),
        ReadinessCalculator.score(
            ANA, List.of(), DAY, ReadinessCalculator.DEFAULT_SLEEP_NEED_MINUTES),
        null,
        DAY,
        NIGHTLY,
        List.of());
  }

  private static DayTotals live(
      Long steps, Double kcal, Double sleep, Instant sleepAt, Instant last) {
    return new DayTotals(
        ANA,
        DAY,
        steps,
        null,
        kcal,
        null,
        null,
        null,
        sleep,
        null,
        null,
        sleepAt,
        null,
        null,
        last,
        3,
        List.of("watch"));
  }

  @Test
  void liveStepsAndIntakeReplaceTheNightlyProgressAndKeepTheGoals() {
    // given
    CoachingPlan plan = starterPlan();
    Instant last = Instant.parse("2026-03-14T09:30:00Z");

    // when
    CoachingPlan merged = PlanService.withProgress(plan, live(4321L, 812.4, null, null, last));

    // then
    assertThat(merged.dailySummary().currentSteps()).isEqualTo(4321);
    assertThat(merged.dailySummary().currentIntake()).isEqualTo(812);
    assertThat(merged.dailySummary().calorieGoal()).isEqualTo(plan.dailySummary().calorieGoal());
    assertThat(merged.dailySummary().stepsGoal()).isEqualTo(plan.dailySummary().stepsGoal());
    assertThat(merged.updatedAt()).isEqualTo(last);
    assertThat(merged.recommendations()).isEqualTo(plan.recommendations());
  }

  @Test
  void measuresWithoutLiveDataKeepTheNightlyValue() {
    // given
    CoachingPlan plan = starterPlan();

    // when
    CoachingPlan merged =
        PlanService.withProgress(plan, live(null, 300.0, null, null, NIGHTLY.minusSeconds(60)));

    // then
    assertThat(merged.dailySummary().currentSteps()).isEqualTo(plan.dailySummary().currentSteps());
    assertThat(merged.dailySummary().currentIntake()).isEqualTo(300);
    assertThat(merged.updatedAt()).isEqualTo(NIGHTLY);
  }

  @Test
  void onlySleepOrVitalsArrivingAfterTheNightlyRunTriggerARefresh() {
    Instant before = NIGHTLY.minusSeconds(600);
    Instant after = NIGHTLY.plusSeconds(600);
    assertThat(PlanService.arrivedAfter(live(100L, null, 420.0, after, after), NIGHTLY)).isTrue();
    assertThat(PlanService.arrivedAfter(live(100L, null, 420.0, before, after), NIGHTLY)).isFalse();
    assertThat(PlanService.arrivedAfter(live(100L, 500.0, null, null, after), NIGHTLY)).isFalse();
  }

  @Test
  void todaysRowOverlaysLiveValuesOnTheNightlyRow() {
    // given
    DailyMetrics gold =
        new DailyMetrics(
            ANA,
            DAY,
            100L,
            12.0,
            null,
            58.0,
            44.0,
            null,
            null,
            null,
            null,
            null,
            null,
            3.0,
            0.2,
            List.of("fitbit"));

    // when
    DailyMetrics row =
        PlanService.todayRow(ANA, DAY, gold, live(2500L, 640.0, 415.0, NIGHTLY, NIGHTLY));

    // then
    assertThat(row.steps()).isEqualTo(2500);
    assertThat(row.sleepMinutes()).isEqualTo(415.0);
    assertThat(row.energyInKcal()).isEqualTo(640.0);
    assertThat(row.restingHr()).isEqualTo(58.0);
    assertThat(row.activeMinutes()).isEqualTo(12.0);
    assertThat(row.sources()).containsExactly("fitbit", "watch");
    assertThat(PlanService.todayRow(ANA, DAY, gold, null)).isSameAs(gold);
  }

  @Test
  void todaysRowFromLiveDataAloneLeavesMissingMeasuresEmpty() {
    // when only steps arrived and the nightly run has no row for today
    DailyMetrics row = PlanService.todayRow(ANA, DAY, null, live(700L, null, null, null, NIGHTLY));

    // then
    assertThat(row.steps()).isEqualTo(700);
    assertThat(row.sleepMinutes()).isNull();
    assertThat(row.energyInKcal()).isNull();
  }

  @Test
  void theEtagFollowsTheBodyAndIfNoneMatchAcceptsListsAndWeakTags() {
    String a = PlanController.etag("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    String b = PlanController.etag("{\"a\":2}".getBytes(StandardCharsets.UTF_8));
    assertThat(a).isNotEqualTo(b).startsWith("\"").endsWith("\"");
    assertThat(PlanController.matches(a, a)).isTrue();
    assertThat(PlanController.matches(b + ", W/" + a, a)).isTrue();
    assertThat(PlanController.matches("*", a)).isTrue();
    assertThat(PlanController.matches(b, a)).isFalse();
    assertThat(PlanController.matches(null, a)).isFalse();
  }
}
