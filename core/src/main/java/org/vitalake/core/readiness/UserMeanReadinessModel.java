package org.vitalake.core.readiness;

import java.time.LocalDate;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import org.vitalake.core.daily.DailyMetrics;

/**
 * The model-free forecast: the mean of the user's earlier self-reports (the baseline the trained
 * model must beat), used before any model is registered and in unit tests.
 */
public final class UserMeanReadinessModel implements ReadinessModel {

  public static final ModelRef REF = new ModelRef("user-mean", "rules");

  private final int minReports;

  public UserMeanReadinessModel(int minReports) {
    if (minReports < 1) {
      throw new IllegalArgumentException("minReports " + minReports + " must be at least 1");
    }
    this.minReports = minReports;
  }

  @Override
  public Optional<ReadinessPrediction> predict(
      List<DailyMetrics> history, NavigableMap<LocalDate, Double> selfReports, LocalDate day) {
    var earlier = selfReports.headMap(day, false).values();
    if (earlier.size() < minReports) {
      return Optional.empty();
    }
    double mean = earlier.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    return Optional.of(new ReadinessPrediction(mean, mean, REF));
  }
}
