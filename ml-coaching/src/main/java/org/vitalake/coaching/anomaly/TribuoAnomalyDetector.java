package org.vitalake.coaching.anomaly;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.vitalake.coaching.features.DayObservation;
import org.vitalake.coaching.features.DayObservations;
import org.vitalake.core.daily.DailyMetrics;
import org.vitalake.core.readiness.AnomalyDetector;
import org.vitalake.core.readiness.AnomalyResult;
import org.vitalake.core.readiness.ModelRef;

/** Core's anomaly detector port backed by the registered one-class SVM on vitals z-scores. */
public final class TribuoAnomalyDetector implements AnomalyDetector {

  /** A z-score beyond this is named as a signal when the day is flagged. */
  public static final double SIGNAL_Z = 2.0;

  private final VitalsAnomalyModel model;
  private final ModelRef ref;
  private final VitalsFeatureExtractor extractor = new VitalsFeatureExtractor();

  public TribuoAnomalyDetector(VitalsAnomalyModel model, ModelRef ref) {
    this.model = model;
    this.ref = ref;
  }

  @Override
  public Optional<AnomalyResult> detect(List<DailyMetrics> history, LocalDate day) {
    List<DayObservation> rows =
        DayObservations.from(
            history.stream().filter(m -> !m.localDate().isAfter(day)).toList(), Map.of());
    Optional<DayObservation> today = rows.stream().filter(r -> r.date().equals(day)).findFirst();
    if (today.isEmpty() || history.isEmpty()) {
      return Optional.empty();
    }
    var userId = history.get(0).userId();
    return extractor
        .extract(rows, today.get())
        .map(
            f -> {
              boolean anomalous = model.isAnomalous(f);
              return new AnomalyResult(
                  userId, day, anomalous, model.score(f), anomalous ? signals(f) : List.of(), ref);
            });
  }

  static List<String> signals(VitalsFeatures f) {
    List<String> out = new ArrayList<>();
    add(out, f.value("resting_hr_z"), "resting heart rate");
    add(out, f.value("ln_hrv_z"), "HRV");
    add(out, f.value("sleep_minutes_z"), "sleep duration");
    add(out, f.value("sleep_efficiency_z"), "sleep efficiency");
    if (out.isEmpty()) {
      out.add("an unusual combination of resting heart rate, HRV and sleep");
    }
    return out;
  }

  private static void add(List<String> out, double z, String what) {
    if (Math.abs(z) >= SIGNAL_Z) {
      out.add(
          String.format(
              Locale.ROOT,
              "%s %.1f SD %s your 60-day normal",
              what,
              Math.abs(z),
              z > 0 ? "above" : "below"));
    }
  }
}
