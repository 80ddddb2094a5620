package org.vitalake.core.readiness;

import java.time.LocalDate;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import org.vitalake.core.daily.DailyMetrics;

/** Port: forecasts this morning's self-reported readiness from a user's earlier days. */
public interface ReadinessModel {

  /**
   * Forecasts the self-report of {@code day} using only days before it.
   *
   * @param history the user's daily metrics (days on or after {@code day} are ignored)
   * @param selfReports the user's earlier self-reported readiness (0-10) by local date
   * @return empty when the user has too few earlier self-reports
   */
  Optional<ReadinessPrediction> predict(
      List<DailyMetrics> history, NavigableMap<LocalDate, Double> selfReports, LocalDate day);
}
