package org.vitalake.core.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.vitalake.core.daily.DailyMetrics;
import org.vitalake.core.id.UserId;
import org.vitalake.core.profile.UserProfile;
import org.vitalake.core.readiness.AnomalyResult;
import org.vitalake.core.readiness.Contributor;
import org.vitalake.core.readiness.ModelRef;
import org.vitalake.core.readiness.ReadinessBand;
import org.vitalake.core.readiness.ReadinessCalculator;
import org.vitalake.core.readiness.ReadinessResult;

/**
 * Builds a user's daily coaching plan from their profile, history, readiness and anomaly result.
 * Deterministic: the same inputs (including {@code updatedAt}) give the same plan.
 */
public final class PlanGenerator {

  private PlanGenerator() {}

  /**
   * The plan of {@code day}.
   *
   * @param profile the user's profile, or {@code null} (stated defaults are used)
   * @param history the user's daily metrics; days after {@code day} are ignored
   * @param readiness readiness of {@code day} (see {@link ReadinessCalculator})
   * @param anomaly the vitals judgement of {@code day}, or {@code null} when none was made
   * @param models the registered models behind readiness and anomaly (may be empty)
   */
  public static CoachingPlan generate(
      UserProfile profile,
      List<DailyMetrics> history,
      ReadinessResult readiness,
      AnomalyResult anomaly,
      LocalDate day,
      Instant updatedAt,
      List<ModelRef> models) {
    UserId userId = readiness.userId();
    if (profile != null && !profile.userId().equals(userId)) {
      throw new IllegalArgumentException(
          "profile of " + profile.userId() + " does not belong to " + userId);
    }
    List<DailyMetrics> known =
        history.stream()
            .filter(m -> !m.localDate().isAfter(day))
            .sorted(Comparator.comparing(DailyMetrics::localDate))
            .toList();
    for (DailyMetrics m : known) {
      if (!m.userId().equals(userId)) {
        throw new IllegalArgumentException(
            "history of " + m.userId() + " cannot go into the plan of " + userId);
      }
    }
    boolean starter = known.isEmpty();
    DailyMetrics today =
        known.stream().filter(m -> m.localDate().equals(day)).findFirst().orElse(null);
    double need = ReadinessCalculator.DEFAULT_SLEEP_NEED_MINUTES;

    PlanRules.CalorieGoal calories = PlanRules.calorieGoal(profile, known, day);
    PlanRules.StepsGoal steps = PlanRules.stepsGoal(known, day, readiness, anomaly);
    int sleepTarget = PlanRules.sleepTargetMinutes(known, day, need);
    int intake =
        today == null || today.energyInKcal() == null ? 0 : (int) Math.round(today.energyInKcal());
    long stepsToday = today == null || today.steps() == null ? 0 : today.steps();

    List<Recommendation> recs = new ArrayList<>();
    recs.add(nutrition(recs.size() + 1, calories, today, starter));
    recs.add(activity(recs.size() + 1, steps, stepsToday, starter));
    recs.add(sleep(recs.size() + 1, known, day, need, sleepTarget, starter));
    recs.add(recovery(recs.size() + 1, readiness, anomaly, starter));

    List<String> inputs = new ArrayList<>();
    if (!starter) {
      inputs.add("daily_metrics");
    }
    if (profile != null) {
      inputs.add("profile");
    }
    inputs.add("readiness");
    if (anomaly != null) {
      inputs.add("anomaly");
    }
    BasedOn basedOn =
        new BasedOn(
            starter ? null : known.get(0).localDate(),
            starter ? null : known.get(known.size() - 1).localDate(),
            inputs,
            calories.defaultsUsed());
    return new CoachingPlan(
        userId,
        day,
        updatedAt,
        new DailySummary(calories.goal(), intake, steps.goal(), stepsToday),
        recs,
        readiness,
        sleepTarget,
        anomaly,
        coverage(known, day),
        models,
        basedOn,
        starter);
  }

  static DataCoverage coverage(List<DailyMetrics> known, LocalDate day) {
    int window = PlanRules.RECENT_DAYS;
    LocalDate from = day.minusDays(window - 1L);
    int wearable = 0;
    int nights = 0;
    int journal = 0;
    for (DailyMetrics m : known) {
      if (m.localDate().isBefore(from)) {
        continue;
      }
      if (m.steps() != null
          || m.activeMinutes() != null
          || m.restingHr() != null
          || m.hrvRmssdMs() != null
          || m.sleepMinutes() != null
          || m.energyOutKcal() != null) {
        wearable++;
      }
      if (m.sleepMinutes() != null) {
        nights++;
      }
      if (m.energyInKcal() != null || m.proteinG() != null || m.mood() != null) {
        journal++;
      }
    }
    return new DataCoverage(window, wearable, nights, journal);
  }

  private static Recommendation nutrition(
      int n, PlanRules.CalorieGoal c, DailyMetrics today, boolean starter) {
    StringBuilder m = new StringBuilder();
    if (starter) {
      m.append("Starter plan: we have no data from you yet. ");
    }
    m.append(
        String.format(
            Locale.ROOT,
            "Eat about %,d kcal today: Mifflin-St Jeor resting energy %,.0f kcal (%s kg, %s cm, %d"
                + " years, %s) x activity factor %.3f",
            c.goal(),
            c.bmr(),
            PlanRules.fmt(c.weightKg()),
            PlanRules.fmt(c.heightCm()),
            c.age(),
            c.sex().code(),
            c.activityFactor()));
    if (c.meanActiveMinutes() != null) {
      m.append(
          String.format(
              Locale.ROOT,
              " for your 14-day average of %.0f active minutes a day",
              c.meanActiveMinutes()));
    }
    if (c.weightLoss()) {
      m.append(", minus 15 % for your lose_weight goal");
    }
    m.append('.');
    if (today != null && today.energyInKcal() != null) {
      m.append(
          String.format(Locale.ROOT, " Logged so far today: %,.0f kcal", today.energyInKcal()));
      if (today.proteinG() != null) {
        m.append(String.format(Locale.ROOT, " and %.0f g protein", today.proteinG()));
      }
      m.append('.');
    } else {
      m.append(" Nothing logged yet today.");
    }
    if (!c.defaultsUsed().isEmpty()) {
      m.append(" Assumed: ").append(String.join(", ", c.defaultsUsed()));
      m.append("; complete your profile for a closer goal.");
    }
    return new Recommendation(
        "rec-" + n, "nutrition", "Calorie goal", m.toString(), "mifflin-st-jeor");
  }

  private static Recommendation activity(
      int n, PlanRules.StepsGoal s, long stepsToday, boolean starter) {
    String message;
    if (s.recentMedian() == null) {
      message =
          String.format(
              Locale.ROOT,
              "%sStart with %,d steps today; a personal goal needs %d days of step data in the last"
                  + " %d (rule steps-progression).",
              starter ? "Starter plan: we have no data from you yet. " : "",
              s.goal(),
              PlanRules.MIN_RECENT_VALUES,
              PlanRules.RECENT_DAYS);
    } else {
      message =
          String.format(
              Locale.ROOT,
              "Aim for %,d steps: your 14-day median is %,.0f, +%.0f %% because %s (rule"
                  + " steps-progression, kept within %,d-%,d).",
              s.goal(),
              s.recentMedian(),
              s.progression() * 100,
              s.why(),
              PlanRules.MIN_STEPS_GOAL,
              PlanRules.MAX_STEPS_GOAL);
    }
    if (stepsToday > 0) {
      message += String.format(Locale.ROOT, " So far today: %,d steps.", stepsToday);
    }
    return new Recommendation("rec-" + n, "activity", "Steps goal", message, "steps-progression");
  }

  private static Recommendation sleep(
      int n, List<DailyMetrics> known, LocalDate day, double need, int target, boolean starter) {
    Double last =
        known.stream()
            .filter(m -> m.localDate().equals(day))
            .map(DailyMetrics::sleepMinutes)
            .filter(v -> v != null)
            .findFirst()
            .orElse(null);
    long nights =
        PlanRules.values(known, day.minusDays(13), day, DailyMetrics::sleepMinutes).size();
    String message;
    if (nights == 0) {
      message =
          String.format(
              Locale.ROOT,
              "%sAim for %s tonight, the default need of 8 hours; no sleep was recorded in the last"
                  + " 14 nights, so wear your device to bed to get a personal target (rule"
                  + " sleep-need-and-debt).",
              starter ? "Starter plan: we have no data from you yet. " : "",
              hours(target));
    } else {
      double debt = ReadinessCalculator.sleepDebtMinutes(known, day, need);
      message =
          String.format(
              Locale.ROOT,
              "Aim for %s tonight: a need of %s plus a seventh of your sleep debt of %s over %d"
                  + " recorded nights of the last 14 (rule sleep-need-and-debt). %s",
              hours(target),
              hours(need),
              hours(debt),
              nights,
              last == null
                  ? "No sleep was recorded last night."
                  : "Last night: " + hours(last) + ".");
    }
    return new Recommendation("rec-" + n, "sleep", "Sleep target", message, "sleep-need-and-debt");
  }

  private static Recommendation recovery(
      int n, ReadinessResult readiness, AnomalyResult anomaly, boolean starter) {
    if (anomaly != null && anomaly.anomalous()) {
      String signals =
          anomaly.signals().isEmpty()
              ? "your vitals differ from your usual pattern"
              : String.join("; ", anomaly.signals());
      return new Recommendation(
          "rec-" + n,
          "recovery",
          "Unusual vitals today",
          "Model "
              + anomaly.model()
              + " flags today as unusual for you: "
              + signals
              + ". Keep training light today; if you feel unwell, rest and watch how you feel"
              + " tomorrow.",
          anomaly.model().toString());
    }
    String basis =
        readiness.model() == null ? "readiness-score" : "readiness-score + " + readiness.model();
    if (!readiness.hasScore()) {
      return new Recommendation(
          "rec-" + n,
          "recovery",
          starter ? "Welcome" : "Readiness not available yet",
          (starter ? "Starter plan: we have no data from you yet. " : "")
              + "Readiness is not scored today: "
              + readiness.reason()
              + ". Listen to your body and keep intensity moderate until it is (rule readiness-score).",
          "readiness-score");
    }
    Contributor weakest =
        readiness.contributors().stream()
            .min(Comparator.comparingDouble(Contributor::subScore).thenComparing(Contributor::code))
            .orElseThrow();
    String advice =
        switch (readiness.band()) {
          case LOW -> "Make today a recovery day: easy movement, no hard training.";
          case MODERATE -> "Keep intensity moderate today.";
          case GOOD -> "A good day for a normal training session.";
          case HIGH -> "A good day for a harder session.";
        };
    boolean loadHigh =
        readiness
            .contributor("training_load")
            .map(c -> c.value() > ReadinessCalculator.ACWR_HIGH)
            .orElse(false);
    if (loadHigh && readiness.band().compareTo(ReadinessBand.MODERATE) > 0) {
      advice += " Your load has risen fast, so add intensity, not volume.";
    }
    return new Recommendation(
        "rec-" + n,
        "recovery",
        "Readiness " + readiness.score() + " (" + readiness.band().code() + ")",
        String.format(
            Locale.ROOT,
            "Readiness %d/100, %s (%s). Weakest input: %s. %s",
            readiness.score(),
            readiness.band().code(),
            basis,
            weakest.message(),
            advice),
        basis);
  }

  private static String hours(double minutes) {
    long rounded = Math.round(minutes);
    return (rounded / 60) + " h " + (rounded % 60) + " min";
  }
}
