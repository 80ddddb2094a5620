package org.vitalake.coaching.features;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the features of the next-morning readiness model from a user's own earlier days.
 *
 * <p>Only observations dated strictly before the target day are read, so a feature can never see
 * the label (or any measurement) of the day it predicts. Every feature is a deviation from the
 * user's own baseline, scaled to roughly unit size, and 0 when the input is missing (0 means "at
 * baseline", the neutral assumption).
 */
public final class ReadinessFeatureExtractor {

  /** Fewer earlier self-reports than this and the personal baseline is too noisy to use. */
  public static final int MIN_PRIOR_LABELS = 7;

  /** Days of vitals history that form a personal baseline. */
  public static final int BASELINE_DAYS = 60;

  /** Fewer baseline values than this and a deviation feature is left at 0. */
  public static final int MIN_BASELINE_VALUES = 7;

  /** Feature names, in the order of {@link ReadinessFeatures#values()}. */
  public static final List<String> FEATURE_NAMES =
      List.of(
          "last_minus_mean",
          "last_minus_mean_if_yesterday",
          "mean3_minus_mean",
          "mean7_minus_mean",
          "label_sd",
          "resting_hr_dev",
          "resting_hr_dev3",
          "sleep_dev_h",
          "sleep_dev3_h",
          "active_dev",
          "acwr_minus_one");

  /**
   * Returns the features for the morning of {@code day}, or empty when the user has fewer than
   * {@link #MIN_PRIOR_LABELS} self-reports before it.
   */
  public Optional<ReadinessFeatures> extract(List<DayObservation> history, LocalDate day) {
    List<DayObservation> before =
        history.stream()
            .filter(o -> o.date().isBefore(day))
            .sorted(Comparator.comparing(DayObservation::date))
            .toList();
    List<DayObservation> labelled =
        before.stream().filter(o -> o.selfReportedReadiness() != null).toList();
    if (labelled.size() < MIN_PRIOR_LABELS) {
      return Optional.empty();
    }
    double[] labels =
        labelled.stream().mapToDouble(DayObservation::selfReportedReadiness).toArray();
    double mean = mean(labels, 0, labels.length);
    double last = labels[labels.length - 1];
    boolean lastIsYesterday = labelled.get(labelled.size() - 1).date().equals(day.minusDays(1));
    LocalDate yesterday = day.minusDays(1);

    double restingDev = deviation(before, DayObservation::restingHr, yesterday, 1, day) / 5.0;
    double restingDev3 = deviation(before, DayObservation::restingHr, yesterday, 3, day) / 5.0;
    double sleepDev = deviation(before, DayObservation::sleepMinutes, yesterday, 1, day) / 60.0;
    double sleepDev3 = deviation(before, DayObservation::sleepMinutes, yesterday, 3, day) / 60.0;
    double activeDev = deviation(before, DayObservation::activeMinutes, yesterday, 1, day) / 30.0;
    double acute = windowMean(before, DayObservation::activeMinutes, day.minusDays(7), day);
    double chronic = windowMean(before, DayObservation::activeMinutes, day.minusDays(28), day);
    double acwr =
        Double.isNaN(acute) || Double.isNaN(chronic) || chronic <= 0 ? 0 : acute / chronic - 1;

    double[] values = {
      last - mean,
      lastIsYesterday ? last - mean : 0,
      mean(labels, Math.max(0, labels.length - 3), labels.length) - mean,
      mean(labels, Math.max(0, labels.length - 7), labels.length) - mean,
      sd(labels, mean),
      restingDev,
      restingDev3,
      sleepDev,
      sleepDev3,
      activeDev,
      Math.max(-1, Math.min(1, acwr))
    };
    return Optional.of(new ReadinessFeatures(day, mean, last, labels.length, values));
  }

  /**
   * Mean of {@code days} days ending at {@code lastDay} minus the mean of the baseline window
   * before them; 0 when either side has too little data.
   */
  private static double deviation(
      List<DayObservation> before,
      Function<DayObservation, Double> field,
      LocalDate lastDay,
      int days,
      LocalDate day) {
    LocalDate recentStart = lastDay.minusDays(days - 1L);
    double recent = windowMean(before, field, recentStart, lastDay.plusDays(1));
    List<Double> baseline = values(before, field, day.minusDays(BASELINE_DAYS), recentStart);
    if (Double.isNaN(recent) || baseline.size() < MIN_BASELINE_VALUES) {
      return 0;
    }
    return recent - baseline.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  private static double windowMean(
      List<DayObservation> before,
      Function<DayObservation, Double> field,
      LocalDate fromInclusive,
      LocalDate toExclusive) {
    return values(before, field, fromInclusive, toExclusive).stream()
        .mapToDouble(Double::doubleValue)
        .average()
        .orElse(Double.NaN);
  }

  private static List<Double> values(
      List<DayObservation> before,
      Function<DayObservation, Double> field,
      LocalDate fromInclusive,
      LocalDate toExclusive) {
    List<Double> out = new ArrayList<>();
    for (DayObservation o : before) {
      if (!o.date().isBefore(fromInclusive) && o.date().isBefore(toExclusive)) {
        Double v = field.apply(o);
        if (v != null) {
          out.add(v);
        }
      }
    }
    return out;
  }

  private static double mean(double[] values, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += values[i];
    }
    return sum / (to - from);
  }

  private static double sd(double[] values, double mean) {
    double sum = 0;
    for (double v : values) {
      sum += (v - mean) * (v - mean);
    }
    return Math.sqrt(sum / values.length);
  }
}
