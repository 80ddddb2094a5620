package org.vitalake.core.plan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.vitalake.core.daily.DailyMetrics;
import org.vitalake.core.profile.Sex;
import org.vitalake.core.profile.UserProfile;
import org.vitalake.core.readiness.AnomalyResult;
import org.vitalake.core.readiness.ReadinessBand;
import org.vitalake.core.readiness.ReadinessCalculator;
import org.vitalake.core.readiness.ReadinessResult;

/** The plan's numeric rules: calorie goal, steps goal and sleep target. Pure and deterministic. */
public final class PlanRules {

  public static final double DEFAULT_WEIGHT_KG = 70;
  public static final double DEFAULT_HEIGHT_CM = 170;
  public static final int DEFAULT_AGE = 35;
  public static final double DEFAULT_ACTIVITY_FACTOR = 1.375;
  public static final int RECENT_DAYS = 14;
  public static final int MIN_RECENT_VALUES = 3;
  public static final int DEFAULT_STEPS_GOAL = 7000;
  public static final int MIN_STEPS_GOAL = 3000;
  public static final int MAX_STEPS_GOAL = 25000;
  public static final int MIN_CALORIE_GOAL = 1200;
  public static final double WEIGHT_LOSS_FACTOR = 0.85;
  public static final double MAX_DEBT_REPAYMENT_MINUTES = 60;

  private PlanRules() {}

  /** A calorie goal with the numbers behind it. */
  public record CalorieGoal(
      int goal,
      double bmr,
      double weightKg,
      double heightCm,
      int age,
      Sex sex,
      double activityFactor,
      Double meanActiveMinutes,
      boolean weightLoss,
      List<String> defaultsUsed) {}

  /** A steps goal with the numbers behind it. */
  public record StepsGoal(int goal, Double recentMedian, double progression, String why) {}

  /** Mifflin-St Jeor resting energy, kcal/day; sex other or unspecified takes the midpoint. */
  public static double bmr(double weightKg, double heightCm, int age, Sex sex) {
    double sexTerm =
        switch (sex) {
          case MALE -> 5;
          case FEMALE -> -161;
          case OTHER, UNSPECIFIED -> -78;
        };
    return 10 * weightKg + 6.25 * heightCm - 5 * age + sexTerm;
  }

  /** Activity factor from the recent mean of active minutes a day; {@code null} = not known. */
  public static double activityFactor(Double meanActiveMinutes) {
    if (meanActiveMinutes == null) {
      return DEFAULT_ACTIVITY_FACTOR;
    }
    if (meanActiveMinutes < 15) {
      return 1.2;
    }
    if (meanActiveMinutes < 30) {
      return 1.375;
    }
    if (meanActiveMinutes < 60) {
      return 1.55;
    }
    if (meanActiveMinutes < 90) {
      return 1.725;
    }
    return 1.9;
  }

  /** BMR x activity factor, rounded to 10 kcal; 15 % less for a {@code lose_weight} goal. */
  public static CalorieGoal calorieGoal(
      UserProfile profile, List<DailyMetrics> history, LocalDate day) {
    List<String> defaults = new ArrayList<>();
    double weight = DEFAULT_WEIGHT_KG;
    double height = DEFAULT_HEIGHT_CM;
    int age = DEFAULT_AGE;
    Sex sex = Sex.UNSPECIFIED;
    if (profile != null && profile.weightKg() != null) {
      weight = profile.weightKg();
    } else {
      defaults.add("weight " + fmt(DEFAULT_WEIGHT_KG) + " kg");
    }
    if (profile != null && profile.heightCm() != null) {
      height = profile.heightCm();
    } else {
      defaults.add("height " + fmt(DEFAULT_HEIGHT_CM) + " cm");
    }
    if (profile != null && profile.birthYear() != null) {
      age = Math.max(0, day.getYear() - profile.birthYear());
    } else {
      defaults.add("age " + DEFAULT_AGE);
    }
    if (profile != null) {
      sex = profile.sex();
    }
    if (sex == Sex.UNSPECIFIED || sex == Sex.OTHER) {
      defaults.add("sex term -78 kcal (midpoint of the male and female equations)");
    }
    Double meanActive = recentMean(history, day, DailyMetrics::activeMinutes);
    if (meanActive == null) {
      defaults.add("activity factor " + DEFAULT_ACTIVITY_FACTOR + " (lightly active)");
    }
    double bmr = bmr(weight, height, age, sex);
    double factor = activityFactor(meanActive);
    boolean weightLoss = profile != null && profile.goals().contains("lose_weight");
    double kcal = bmr * factor * (weightLoss ? WEIGHT_LOSS_FACTOR : 1);
    int goal = (int) Math.max(MIN_CALORIE_GOAL, Math.round(kcal / 10) * 10);
    return new CalorieGoal(
        goal, bmr, weight, height, age, sex, factor, meanActive, weightLoss, List.copyOf(defaults));
  }

  /**
   * The 14-day median of steps (days before {@code day}) raised by 10 % on a high-readiness day, 5
   * % otherwise, 0 % on a low-readiness or anomalous day; rounded to 100 and kept within
   * 3,000-25,000. Without 3 days of steps: 7,000.
   */
  public static StepsGoal stepsGoal(
      List<DailyMetrics> history, LocalDate day, ReadinessResult readiness, AnomalyResult anomaly) {
    List<Double> steps =
        values(
            history,
            day.minusDays(RECENT_DAYS),
            day.minusDays(1),
            m -> m.steps() == null ? null : m.steps().doubleValue());
    if (steps.size() < MIN_RECENT_VALUES) {
      return new StepsGoal(DEFAULT_STEPS_GOAL, null, 0, "starter goal");
    }
    double median = median(steps);
    double progression;
    String why;
    if (anomaly != null && anomaly.anomalous()) {
      progression = 0;
      why = "your vitals look unusual today";
    } else if (readiness != null && readiness.band() == ReadinessBand.LOW) {
      progression = 0;
      why = "readiness is low";
    } else if (readiness != null && readiness.band() == ReadinessBand.HIGH) {
      progression = 0.10;
      why = "readiness is high";
    } else {
      progression = 0.05;
      why =
          readiness != null && readiness.hasScore()
              ? "readiness is " + readiness.band().code()
              : "steady progression";
    }
    long goal = Math.round(median * (1 + progression) / 100) * 100;
    goal = Math.max(MIN_STEPS_GOAL, Math.min(MAX_STEPS_GOAL, goal));
    return new StepsGoal((int) goal, median, progression, why);
  }

  /**
   * Tonight's sleep target: the need plus a seventh of the 14-night debt (at most an hour), rounded
   * to 5 minutes.
   */
  public static int sleepTargetMinutes(List<DailyMetrics> history, LocalDate day, double need) {
    double debt = history.isEmpty() ? 0 : ReadinessCalculator.sleepDebtMinutes(history, day, need);
    double target = need + Math.min(MAX_DEBT_REPAYMENT_MINUTES, debt / 7);
    return (int) (Math.round(target / 5) * 5);
  }

  /** Mean of a field over the 14 days before {@code day}, or null with fewer than 3 values. */
  public static Double recentMean(
      List<DailyMetrics> history, LocalDate day, Function<DailyMetrics, Double> field) {
    List<Double> values = values(history, day.minusDays(RECENT_DAYS), day.minusDays(1), field);
    return values.size() < MIN_RECENT_VALUES
        ? null
        : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  static List<Double> values(
      List<DailyMetrics> history,
      LocalDate from,
      LocalDate toInclusive,
      Function<DailyMetrics, Double> field) {
    List<Double> out = new ArrayList<>();
    for (DailyMetrics m : history) {
      if (!m.localDate().isBefore(from) && !m.localDate().isAfter(toInclusive)) {
        Double v = field.apply(m);
        if (v != null) {
          out.add(v);
        }
      }
    }
    return out;
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static String fmt(double value) {
    return value == Math.rint(value)
        ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.1f", value);
  }
}
