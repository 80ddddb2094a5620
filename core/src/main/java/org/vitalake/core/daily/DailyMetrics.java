package org.vitalake.core.daily;

import java.time.LocalDate;
import java.util.List;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;

/**
 * One user's day, aggregated from silver data by the local date the samples were recorded in; a
 * {@code null} field means no data for that measure that day.
 *
 * @param userId the user
 * @param localDate the day in the user's own time zone
 * @param steps total steps, at least 0
 * @param activeMinutes minutes of activity, 0-1440
 * @param energyOutKcal active plus basal energy, 0-40000 kcal
 * @param restingHr resting heart rate, 25-150 bpm
 * @param hrvRmssdMs nightly HRV as rMSSD, 1-300 ms
 * @param sleepMinutes minutes asleep in the sleep that ended this day, 0-1440
 * @param sleepEfficiency minutes asleep divided by minutes in bed, a fraction 0-1
 * @param deepSleepMinutes minutes of deep sleep, 0-1440
 * @param remSleepMinutes minutes of REM sleep, 0-1440
 * @param energyInKcal energy eaten according to the journal, 0-30000 kcal
 * @param proteinG protein eaten according to the journal, 0-2000 g
 * @param mood mean mood score of the day, 1-5
 * @param coverage fraction of the day with wearable data, 0-1
 * @param sources the sources that contributed, e.g. {@code fitbit}
 */
public record DailyMetrics(
    UserId userId,
    LocalDate localDate,
    Long steps,
    Double activeMinutes,
    Double energyOutKcal,
    Double restingHr,
    Double hrvRmssdMs,
    Double sleepMinutes,
    Double sleepEfficiency,
    Double deepSleepMinutes,
    Double remSleepMinutes,
    Double energyInKcal,
    Double proteinG,
    Double mood,
    Double coverage,
    List<String> sources) {

  public DailyMetrics {
    if (userId == null) {
      throw new IllegalArgumentException("daily metrics need a userId");
    }
    if (localDate == null) {
      throw new IllegalArgumentException("daily metrics of " + userId + " need a localDate");
    }
    if (steps != null && (steps < 0 || steps > 1_000_000)) {
      throw new IllegalArgumentException(
          "steps " + steps + " on " + localDate + " is outside the allowed range 0-1000000");
    }
    check(localDate, "activeMinutes", activeMinutes, 0, 1440);
    check(localDate, "energyOutKcal", energyOutKcal, 0, 40_000);
    check(localDate, "restingHr", restingHr, Metric.RESTING_HEART_RATE);
    check(localDate, "hrvRmssdMs", hrvRmssdMs, Metric.HRV_RMSSD);
    check(localDate, "sleepMinutes", sleepMinutes, 0, 1440);
    check(localDate, "sleepEfficiency", sleepEfficiency, 0, 1);
    check(localDate, "deepSleepMinutes", deepSleepMinutes, 0, 1440);
    check(localDate, "remSleepMinutes", remSleepMinutes, 0, 1440);
    check(localDate, "energyInKcal", energyInKcal, 0, 30_000);
    check(localDate, "proteinG", proteinG, 0, 2_000);
    check(localDate, "mood", mood, 1, 5);
    check(localDate, "coverage", coverage, 0, 1);
    sources = sources == null ? List.of() : List.copyOf(sources);
  }

  /** A day without any data. */
  public static DailyMetrics empty(UserId userId, LocalDate localDate) {
    return new DailyMetrics(
        userId, localDate, null, null, null, null, null, null, null, null, null, null, null, null,
        null, List.of());
  }

  private static void check(LocalDate day, String field, Double value, Metric metric) {
    check(day, field, value, metric.range().min(), metric.range().max());
  }

  private static void check(LocalDate day, String field, Double value, double min, double max) {
    if (value != null && !(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          field + " " + value + " on " + day + " is outside the allowed range " + min + "-" + max);
    }
  }
}
