package org.vitalake.core.readiness;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.vitalake.core.daily.DailyMetrics;

/** Port: judges whether a user's vitals on a day are unusual against their own history. */
public interface AnomalyDetector {

  /**
   * Judges {@code day} against the days of {@code history} before it.
   *
   * @return empty when the day has no vitals or the user has too little history
   */
  Optional<AnomalyResult> detect(List<DailyMetrics> history, LocalDate day);
}
