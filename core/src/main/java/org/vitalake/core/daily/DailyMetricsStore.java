package org.vitalake.core.daily;

import java.time.LocalDate;
import java.util.List;
import org.vitalake.core.id.UserId;

/** Port to the per-day aggregates (gold) that the serving API and the coaching read. */
public interface DailyMetricsStore {

  /** Finds a user's days from {@code from} to {@code toInclusive}, both inclusive, by date. */
  List<DailyMetrics> findByUser(UserId userId, LocalDate from, LocalDate toInclusive);
}
