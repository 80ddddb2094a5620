package org.vitalake.coaching.features;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.vitalake.core.daily.DailyMetrics;

/** Maps core's daily metrics and self-reported readiness onto the models' day rows. */
public final class DayObservations {

  private DayObservations() {}

  /**
   * One row per date found in either input, in date order.
   *
   * @param selfReports self-reported readiness 0-10 by local date (from wellness journal entries)
   */
  public static List<DayObservation> from(
      List<DailyMetrics> history, Map<LocalDate, Double> selfReports) {
    TreeSet<LocalDate> dates = new TreeSet<>(selfReports.keySet());
    history.forEach(m -> dates.add(m.localDate()));
    Map<LocalDate, DailyMetrics> byDate = new HashMap<>();
    for (DailyMetrics m : history) {
      if (byDate.put(m.localDate(), m) != null) {
        throw new IllegalArgumentException(
            "history has two entries for " + m.localDate() + "; aggregate to one per day first");
      }
    }
    List<DayObservation> out = new ArrayList<>();
    for (LocalDate date : dates) {
      DailyMetrics m = byDate.get(date);
      out.add(
          new DayObservation(
              date,
              m == null ? null : m.restingHr(),
              m == null ? null : m.hrvRmssdMs(),
              m == null ? null : m.sleepMinutes(),
              m == null ? null : m.sleepEfficiency(),
              m == null ? null : m.activeMinutes(),
              m == null ? null : m.steps(),
              selfReports.get(date)));
    }
    out.sort(Comparator.comparing(DayObservation::date));
    return out;
  }
}
