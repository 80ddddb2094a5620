package org.vitalake.coaching.evaluation;

import java.util.List;
import java.util.Random;
import org.vitalake.coaching.features.DayObservation;

/**
 * The shifts injected into held-out days, each a change a coach would want to hear about.
 *
 * <p>{@code resting_hr_up}: resting heart rate +8 bpm (onset of illness, overreaching); {@code
 * short_sleep}: 150 fewer minutes asleep; {@code combined}: +5 bpm, 90 fewer minutes and 10 points
 * lower efficiency.
 */
public enum AnomalyInjection {
  RESTING_HR_UP("resting_hr_up"),
  SHORT_SLEEP("short_sleep"),
  COMBINED("combined");

  private final String code;

  AnomalyInjection(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** Whether the day has the vitals this shift changes. */
  public boolean appliesTo(DayObservation day) {
    return switch (this) {
      case RESTING_HR_UP -> day.restingHr() != null;
      case SHORT_SLEEP -> day.sleepMinutes() != null;
      case COMBINED ->
          day.restingHr() != null && day.sleepMinutes() != null && day.sleepEfficiency() != null;
    };
  }

  /** The day with this shift applied. */
  public DayObservation apply(DayObservation day) {
    return switch (this) {
      case RESTING_HR_UP ->
          copy(day, day.restingHr() + 8, day.sleepMinutes(), day.sleepEfficiency());
      case SHORT_SLEEP ->
          copy(day, day.restingHr(), Math.max(0, day.sleepMinutes() - 150), day.sleepEfficiency());
      case COMBINED ->
          copy(
              day,
              day.restingHr() + 5,
              Math.max(0, day.sleepMinutes() - 90),
              Math.max(0, day.sleepEfficiency() - 0.10));
    };
  }

  /** A seeded choice among the shifts that apply to the day, or null when none does. */
  public static AnomalyInjection choose(DayObservation day, Random random) {
    List<AnomalyInjection> applicable =
        List.of(values()).stream().filter(k -> k.appliesTo(day)).toList();
    return applicable.isEmpty() ? null : applicable.get(random.nextInt(applicable.size()));
  }

  private static DayObservation copy(
      DayObservation d, Double restingHr, Double sleep, Double efficiency) {
    return new DayObservation(
        d.date(),
        restingHr,
        d.hrvRmssdMs(),
        sleep,
        efficiency,
        d.activeMinutes(),
        d.steps(),
        d.selfReportedReadiness());
  }
}
