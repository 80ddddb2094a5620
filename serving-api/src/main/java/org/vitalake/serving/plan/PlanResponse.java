package org.vitalake.serving.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.vitalake.core.plan.CoachingPlan;
import org.vitalake.core.readiness.AnomalyResult;
import org.vitalake.core.readiness.Contributor;
import org.vitalake.core.readiness.ModelRef;
import org.vitalake.core.readiness.ReadinessResult;

/**
 * {@code GET /coaching/plan/{userId}}: the seed contract ({@code userId, updatedAt, dailySummary,
 * recommendations}) first, then the extensions, named as in core's plan JSON ({@code
 * gold.coaching_plans.plan_json}) so a stored plan and a served plan read the same.
 *
 * @param model the model that personalised readiness, else the nightly plan's model, or null
 * @param models every registered model the plan used
 * @param anomalyAlerts the anomaly signals of a day flagged as unusual, else empty
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PlanResponse(
    String userId,
    Instant updatedAt,
    DailySummary dailySummary,
    List<RecommendationView> recommendations,
    LocalDate planDate,
    ReadinessView readiness,
    int sleepTargetMinutes,
    List<String> anomalyAlerts,
    @Nullable AnomalyView anomaly,
    CoverageView dataCoverage,
    @Nullable ModelView model,
    List<ModelView> models,
    BasedOnView basedOn,
    boolean starter) {

  /** Goals and today's progress; {@code currentSteps}/{@code currentIntake} move during the day. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record DailySummary(
      int calorieGoal, int currentIntake, int stepsGoal, long currentSteps) {}

  /** One piece of advice and the rule or model behind it. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record RecommendationView(
      String id, String type, String title, String message, String basis) {}

  /** Readiness 0-100 with band and contributors, or no score and why. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record ReadinessView(
      @Nullable Integer score,
      @Nullable String band,
      List<ContributorView> contributors,
      @Nullable String reason,
      @Nullable ModelView model) {}

  /** One readiness input: today's value, the personal baseline, and its share of the score. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record ContributorView(
      String code,
      double value,
      @Nullable Double baseline,
      String unit,
      double subScore,
      double weight,
      String effect,
      String message) {}

  /** The vitals anomaly judgement of the day. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record AnomalyView(
      boolean anomalous, double score, List<String> signals, ModelView model) {}

  /** How much recent data the plan could use. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record CoverageView(
      int windowDays, int daysWithWearableData, int nightsWithSleep, int daysWithJournal) {}

  /** A registered model: id and version. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record ModelView(String id, String version) {}

  /**
   * What the plan was computed from and when.
   *
   * @param origin {@code nightly} (the stored plan, today's numbers merged), {@code
   *     morning-refresh} (readiness and recommendations recomputed because sleep, resting heart
   *     rate or HRV arrived after the nightly run), {@code derived} (no nightly plan for the date:
   *     computed on request) or {@code starter} (no data yet)
   * @param nightlyCreatedAt when the nightly run wrote the stored plan, or null
   * @param inputSnapshotIds the lakehouse snapshots the nightly plan read
   * @param todayInputs today's near-real-time inputs used, each with when it arrived
   * @param note why the plan has this origin, in one sentence
   */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record BasedOnView(
      @Nullable LocalDate historyFrom,
      @Nullable LocalDate historyTo,
      List<String> inputs,
      List<String> defaultsUsed,
      String origin,
      @Nullable Instant nightlyCreatedAt,
      List<Long> inputSnapshotIds,
      List<TodayInput> todayInputs,
      String note) {}

  /** A near-real-time input of today and when it arrived. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record TodayInput(String input, double value, @Nullable Instant receivedAt) {}

  static PlanResponse of(CoachingPlan plan, @Nullable ModelView nightlyModel, BasedOnView basedOn) {
    ReadinessResult r = plan.readiness();
    List<ModelView> models = plan.models().stream().map(PlanResponse::model).toList();
    ModelView primary = r.model() != null ? model(r.model()) : nightlyModel;
    if (primary == null && !models.isEmpty()) {
      primary = models.get(0);
    }
    AnomalyResult a = plan.anomaly();
    var s = plan.dailySummary();
    return new PlanResponse(
        plan.userId().value(),
        plan.updatedAt(),
        new DailySummary(s.calorieGoal(), s.currentIntake(), s.stepsGoal(), s.currentSteps()),
        plan.recommendations().stream()
            .map(x -> new RecommendationView(x.id(), x.type(), x.title(), x.message(), x.basis()))
            .toList(),
        plan.planDate(),
        new ReadinessView(
            r.score(),
            r.band() == null ? null : r.band().code(),
            r.contributors().stream().map(PlanResponse::contributor).toList(),
            r.reason(),
            r.model() == null ? null : model(r.model())),
        plan.sleepTargetMinutes(),
        plan.anomalyAlerts(),
        a == null ? null : new AnomalyView(a.anomalous(), a.score(), a.signals(), model(a.model())),
        new CoverageView(
            plan.dataCoverage().windowDays(),
            plan.dataCoverage().daysWithWearableData(),
            plan.dataCoverage().nightsWithSleep(),
            plan.dataCoverage().daysWithJournal()),
        primary,
        models,
        basedOn,
        plan.starter());
  }

  private static ContributorView contributor(Contributor c) {
    return new ContributorView(
        c.code(),
        c.value(),
        c.baseline(),
        c.unit(),
        c.subScore(),
        c.weight(),
        c.effect(),
        c.message());
  }

  static ModelView model(ModelRef ref) {
    return ref == null ? null : new ModelView(ref.id(), ref.version());
  }
}
