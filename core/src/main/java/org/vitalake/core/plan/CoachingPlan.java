package org.vitalake.core.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.vitalake.core.id.UserId;
import org.vitalake.core.readiness.AnomalyResult;
import org.vitalake.core.readiness.ModelRef;
import org.vitalake.core.readiness.ReadinessResult;

/**
 * A user's coaching plan for one day: the seed contract ({@code userId, updatedAt, dailySummary,
 * recommendations}) plus readiness, a sleep target, anomaly alerts, data coverage, the models used
 * and what the plan is based on.
 *
 * @param starter true for a user without any data yet
 * @param anomaly the vitals judgement of the plan date, or {@code null} when there was none
 * @param models the registered models the plan used (may be empty)
 */
public record CoachingPlan(
    UserId userId,
    LocalDate planDate,
    Instant updatedAt,
    DailySummary dailySummary,
    List<Recommendation> recommendations,
    ReadinessResult readiness,
    int sleepTargetMinutes,
    AnomalyResult anomaly,
    DataCoverage dataCoverage,
    List<ModelRef> models,
    BasedOn basedOn,
    boolean starter) {

  public CoachingPlan {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(planDate, "planDate");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(dailySummary, "dailySummary");
    Objects.requireNonNull(readiness, "readiness");
    Objects.requireNonNull(dataCoverage, "dataCoverage");
    Objects.requireNonNull(basedOn, "basedOn");
    recommendations = List.copyOf(recommendations);
    models = models == null ? List.of() : List.copyOf(models);
    if (recommendations.isEmpty()) {
      throw new IllegalArgumentException("a plan needs at least one recommendation");
    }
    if (sleepTargetMinutes < 240 || sleepTargetMinutes > 780) {
      throw new IllegalArgumentException(
          "sleepTargetMinutes " + sleepTargetMinutes + " is outside the allowed range 240-780");
    }
    if (!readiness.userId().equals(userId) || !readiness.day().equals(planDate)) {
      throw new IllegalArgumentException(
          "readiness of "
              + readiness.userId()
              + " on "
              + readiness.day()
              + " does not belong to the plan of "
              + userId
              + " on "
              + planDate);
    }
  }

  /** Anomaly alerts to show: the signals of a flagged day, else none. */
  public List<String> anomalyAlerts() {
    return anomaly != null && anomaly.anomalous() ? anomaly.signals() : List.of();
  }
}
