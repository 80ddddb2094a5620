package org.vitalake.coaching.anomaly;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.vitalake.coaching.features.DayObservation;

/**
 * Scales one day's vitals as z-scores against the user's own previous 60 days, so one model can
 * judge users whose normal resting heart rate or sleep differ widely.
 *
 * <p>HRV enters as ln(rMSSD), whose day-to-day spread is close to normal. Each spread has a floor
 * (1.5 bpm, 0.05 ln-ms, 30 min, 0.02) so a very regular user is not flagged for tiny changes. A
 * vital that is missing on the day or has fewer than {@link #MIN_BASELINE_VALUES} baseline values
 * scores 0 (at baseline). Core daily metrics carry no body temperature yet, so it is not used.
 */
public final class VitalsFeatureExtractor {

  public static final int BASELINE_DAYS = 60;
  public static final int MIN_BASELINE_VALUES = 14;
  public static final double MAX_ABS_Z = 6;

  /** Feature names in the order of {@link VitalsFeatures#values()}. */
  public static final List<String> FEATURE_NAMES =
      List.of("resting_hr_z", "ln_hrv_z", "sleep_minutes_z", "sleep_efficiency_z");

  private record Vital(String name, Function<DayObservation, Double> field, double sdFloor) {}

  private static final List<Vital> VITALS =
      List.of(
          new Vital("resting_hr_z", DayObservation::restingHr, 1.5),
          new Vital(
              "ln_hrv_z", o -> o.hrvRmssdMs() == null ? null : Math.log(o.hrvRmssdMs()), 0.05),
          new Vital("sleep_minutes_z", DayObservation::sleepMinutes, 30),
          new Vital("sleep_efficiency_z", DayObservation::sleepEfficiency, 0.02));

  /**
   * Scores {@code today} against the days of {@code history} dated before it; empty when no vital
   * of today has a baseline.
   */
  public Optional<VitalsFeatures> extract(List<DayObservation> history, DayObservation today) {
    LocalDate from = today.date().minusDays(BASELINE_DAYS);
    double[] z = new double[VITALS.size()];
    boolean any = false;
    for (int i = 0; i < VITALS.size(); i++) {
      Vital vital = VITALS.get(i);
      Double value = vital.field().apply(today);
      if (value == null) {
        continue;
      }
      List<Double> baseline = new ArrayList<>();
      for (DayObservation o : history) {
        if (!o.date().isBefore(from) && o.date().isBefore(today.date())) {
          Double v = vital.field().apply(o);
          if (v != null) {
            baseline.add(v);
          }
        }
      }
      if (baseline.size() < MIN_BASELINE_VALUES) {
        continue;
      }
      double mean = baseline.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      double variance =
          baseline.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / baseline.size();
      double sd = Math.max(Math.sqrt(variance), vital.sdFloor());
      z[i] = Math.max(-MAX_ABS_Z, Math.min(MAX_ABS_Z, (value - mean) / sd));
      any = true;
    }
    return any ? Optional.of(new VitalsFeatures(today.date(), z)) : Optional.empty();
  }
}
