package org.vitalake.coaching.features;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One user-day as the models see it: the day's vitals and activity (null = not measured) and the
 * self-reported readiness on a 0-10 scale given that morning (null = not reported).
 *
 * <p>{@code sleepMinutes} and {@code sleepEfficiency} (a fraction 0-1, as in core's daily metrics)
 * describe the night that ended on the morning of {@code date}; {@code restingHr}, {@code
 * activeMinutes} and {@code steps} describe the whole day, so they are only known in the evening.
 */
public record DayObservation(
    LocalDate date,
    Double restingHr,
    Double hrvRmssdMs,
    Double sleepMinutes,
    Double sleepEfficiency,
    Double activeMinutes,
    Long steps,
    Double selfReportedReadiness) {

  public DayObservation {
    Objects.requireNonNull(date, "date");
    requireRange(date, "restingHr", restingHr, 20, 250);
    requireRange(date, "hrvRmssdMs", hrvRmssdMs, 1, 500);
    requireRange(date, "sleepMinutes", sleepMinutes, 0, 1440);
    requireRange(date, "sleepEfficiency", sleepEfficiency, 0, 1);
    requireRange(date, "activeMinutes", activeMinutes, 0, 1440);
    if (steps != null && (steps < 0 || steps > 200_000)) {
      throw new IllegalArgumentException(
          "steps " + steps + " on " + date + " is outside the allowed range 0..200000");
    }
    requireRange(date, "selfReportedReadiness", selfReportedReadiness, 0, 10);
  }

  private static void requireRange(
      LocalDate date, String field, Double value, double min, double max) {
    if (value != null && (value.isNaN() || value < min || value > max)) {
      throw new IllegalArgumentException(
          field
              + " "
              + value
              + " on "
              + date
              + " is outside the allowed range "
              + min
              + ".."
              + max);
    }
  }
}
