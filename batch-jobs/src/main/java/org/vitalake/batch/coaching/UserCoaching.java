package org.vitalake.batch.coaching;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import org.vitalake.core.daily.DailyMetrics;
import org.vitalake.core.id.UserId;
import org.vitalake.core.plan.CoachingPlan;
import org.vitalake.core.plan.PlanGenerator;
import org.vitalake.core.profile.UserProfile;
import org.vitalake.core.readiness.AnomalyDetector;
import org.vitalake.core.readiness.AnomalyResult;
import org.vitalake.core.readiness.ModelRef;
import org.vitalake.core.readiness.ReadinessCalculator;
import org.vitalake.core.readiness.ReadinessModel;
import org.vitalake.core.readiness.ReadinessResult;

/**
 * One user's coaching for a list of days with core's rules and the registered models, exactly as
 * the serving API's morning refresh does it: readiness from the {@link CoachingInputs#HISTORY_DAYS}
 * before the day, personalised by the readiness model when it has a forecast, the anomaly
 * detector's judgement, and the plan built from them.
 */
public final class UserCoaching {

  /** What one day of a user came to. */
  public record Day(ReadinessResult readiness, AnomalyResult anomaly, CoachingPlan plan) {}

  private final Optional<ReadinessModel> readinessModel;
  private final Optional<AnomalyDetector> anomalyDetector;

  public UserCoaching(
      Optional<ReadinessModel> readinessModel, Optional<AnomalyDetector> anomalyDetector) {
    this.readinessModel = Objects.requireNonNull(readinessModel, "readinessModel");
    this.anomalyDetector = Objects.requireNonNull(anomalyDetector, "anomalyDetector");
  }

  /**
   * The coaching of each of {@code days}, in date order.
   *
   * @param history the user's daily metrics (any span; each day reads its own window of it)
   * @param selfReports the user's self-reported readiness 0-10 by date (each day reads the earlier)
   * @param profile the latest profile, or null
   * @param updatedAt the plans' time stamp (the run's data time, so reruns give the same plans)
   */
  public List<Day> coach(
      UserId userId,
      List<LocalDate> days,
      List<DailyMetrics> history,
      NavigableMap<LocalDate, Double> selfReports,
      UserProfile profile,
      Instant updatedAt) {
    List<DailyMetrics> sorted =
        history.stream().sorted(Comparator.comparing(DailyMetrics::localDate)).toList();
    List<Day> out = new ArrayList<>();
    for (LocalDate day : days.stream().sorted().distinct().toList()) {
      LocalDate from = day.minusDays(CoachingInputs.HISTORY_DAYS);
      List<DailyMetrics> window =
          sorted.stream()
              .filter(m -> !m.localDate().isBefore(from) && !m.localDate().isAfter(day))
              .toList();
      ReadinessResult readiness =
          ReadinessCalculator.score(
              userId, window, day, ReadinessCalculator.DEFAULT_SLEEP_NEED_MINUTES);
      List<ModelRef> used = new ArrayList<>();
      if (readiness.hasScore() && readinessModel.isPresent()) {
        var prediction = readinessModel.get().predict(window, selfReports, day);
        if (prediction.isPresent()) {
          readiness = ReadinessCalculator.personalize(readiness, prediction.get());
          used.add(prediction.get().model());
        }
      }
      AnomalyResult anomaly =
          window.isEmpty()
              ? null
              : anomalyDetector.flatMap(d -> d.detect(window, day)).orElse(null);
      if (anomaly != null) {
        used.add(anomaly.model());
      }
      CoachingPlan plan =
          PlanGenerator.generate(profile, window, readiness, anomaly, day, updatedAt, used);
      out.add(new Day(readiness, anomaly, plan));
    }
    return out;
  }
}
