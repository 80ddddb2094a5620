package org.vitalake.core.readiness;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.vitalake.core.daily.DailyMetrics;
import org.vitalake.core.id.UserId;

/**
 * The open readiness score: pure functions of one user's daily metrics, shared by the nightly batch
 * and the serving API's morning refresh. The maths is documented in {@code docs/readiness.md}; the
 * constants below are the ones it names.
 *
 * <p>Readiness for the morning of {@code day} reads last night's sleep and HRV (the values dated
 * {@code day}), the latest resting heart rate ({@code day}, else {@code day - 1}) and the activity
 * of earlier days; baselines never include {@code day} itself.
 */
public final class ReadinessCalculator {

  public static final int BASELINE_DAYS = 60;
  public static final int MIN_PRIOR_NIGHTS = 7;
  public static final int MIN_BASELINE_VALUES = 7;
  public static final int HRV_ROLLING_DAYS = 7;
  public static final int MIN_HRV_ROLLING_VALUES = 3;
  public static final int MIN_HRV_BASELINE_VALUES = 14;
  public static final double HRV_NORMAL_HALF_WIDTH_SD = 0.5;
  public static final int SLEEP_DEBT_NIGHTS = 14;
  public static final double DEFAULT_SLEEP_NEED_MINUTES = 480;
  public static final int ACUTE_DAYS = 7;
  public static final int CHRONIC_DAYS = 28;
  public static final int MIN_ACUTE_VALUES = 4;
  public static final int MIN_CHRONIC_VALUES = 14;
  public static final double ACWR_LOW = 0.8;
  public static final double ACWR_HIGH = 1.3;
  public static final double PREVIOUS_DAY_FREE_RATIO = 1.5;
  public static final double RESTING_HR_SD_FLOOR = 1.0;
  public static final double LN_HRV_SD_FLOOR = 0.05;
  public static final double MODEL_WEIGHT = 0.2;

  static final double W_RESTING_HR = 0.25;
  static final double W_HRV = 0.25;
  static final double W_SLEEP = 0.30;
  static final double W_LOAD = 0.10;
  static final double W_PREVIOUS_DAY = 0.10;

  private ReadinessCalculator() {}

  /** Readiness of {@code day} with the default sleep need of 8 hours. */
  public static ReadinessResult score(List<DailyMetrics> history, LocalDate day) {
    return score(history, day, DEFAULT_SLEEP_NEED_MINUTES);
  }

  /**
   * Readiness of {@code day} for a user who may have no data yet (then without a score, saying so).
   */
  public static ReadinessResult score(
      UserId userId, List<DailyMetrics> history, LocalDate day, double sleepNeedMinutes) {
    if (history.stream().noneMatch(m -> !m.localDate().isAfter(day))) {
      return ReadinessResult.insufficient(
          userId,
          day,
          "no data yet: readiness starts after "
              + MIN_PRIOR_NIGHTS
              + " nights of sleep or heart data");
    }
    ReadinessResult result = score(history, day, sleepNeedMinutes);
    if (!result.userId().equals(userId)) {
      throw new IllegalArgumentException(
          "history belongs to " + result.userId() + ", not to " + userId);
    }
    return result;
  }

  /**
   * Readiness of {@code day} from the user's daily metrics; entries after {@code day} are ignored.
   *
   * @param sleepNeedMinutes the user's nightly sleep need (e.g. from their profile), 240-720
   */
  public static ReadinessResult score(
      List<DailyMetrics> history, LocalDate day, double sleepNeedMinutes) {
    if (history.isEmpty()) {
      throw new IllegalArgumentException(
          "readiness needs the user's history; for a user without data use insufficient(...)");
    }
    if (!(sleepNeedMinutes >= 240 && sleepNeedMinutes <= 720)) {
      throw new IllegalArgumentException(
          "sleepNeedMinutes " + sleepNeedMinutes + " is outside the allowed range 240-720");
    }
    UserId userId = history.get(0).userId();
    for (DailyMetrics m : history) {
      if (!m.userId().equals(userId)) {
        throw new IllegalArgumentException(
            "history mixes users " + userId + " and " + m.userId() + "; score one user at a time");
      }
    }
    Days days = new Days(history, day);
    long priorNights =
        days.window(day.minusDays(BASELINE_DAYS), day.minusDays(1)).stream()
            .filter(
                m -> m.sleepMinutes() != null || m.restingHr() != null || m.hrvRmssdMs() != null)
            .count();
    if (priorNights < MIN_PRIOR_NIGHTS) {
      return ReadinessResult.insufficient(
          userId,
          day,
          "only "
              + priorNights
              + " of the previous "
              + BASELINE_DAYS
              + " nights have sleep or heart data; readiness needs at least "
              + MIN_PRIOR_NIGHTS);
    }
    List<Contributor> parts = new ArrayList<>();
    restingHr(days, day).ifPresent(parts::add);
    hrv(days, day).ifPresent(parts::add);
    sleep(days, day, sleepNeedMinutes).ifPresent(parts::add);
    if (parts.isEmpty()) {
      return ReadinessResult.insufficient(
          userId,
          day,
          "no sleep, HRV or resting heart rate for last night with a personal baseline to compare"
              + " with");
    }
    trainingLoad(days, day).ifPresent(parts::add);
    previousDay(days, day).ifPresent(parts::add);
    return combine(userId, day, parts, null, 1.0);
  }

  /**
   * Blends a model's forecast of the self-report into a rules score: the forecast (0-10, times 10)
   * gets weight {@link #MODEL_WEIGHT} and the rules' contributors share the rest.
   */
  public static ReadinessResult personalize(ReadinessResult rules, ReadinessPrediction prediction) {
    if (!rules.hasScore()) {
      return rules;
    }
    List<Contributor> parts = new ArrayList<>(rules.contributors());
    parts.add(
        new Contributor(
            "predicted_self_report",
            prediction.predicted(),
            prediction.userMean(),
            "score 0-10",
            clamp(prediction.predicted() * 10),
            MODEL_WEIGHT,
            String.format(
                Locale.ROOT,
                "Model %s expects you to rate your readiness %.1f/10 this morning; your usual"
                    + " rating is %.1f/10",
                prediction.model(),
                prediction.predicted(),
                prediction.userMean())));
    return combine(rules.userId(), rules.day(), parts, prediction.model(), 1 - MODEL_WEIGHT);
  }

  /** Renormalises the rule weights to {@code ruleShare}, keeping a model part's fixed weight. */
  private static ReadinessResult combine(
      UserId userId, LocalDate day, List<Contributor> parts, ModelRef model, double ruleShare) {
    double ruleWeight =
        parts.stream()
            .filter(c -> !c.code().equals("predicted_self_report"))
            .mapToDouble(ReadinessCalculator::nominalWeight)
            .sum();
    List<Contributor> weighted = new ArrayList<>();
    double total = 0;
    for (Contributor c : parts) {
      double w =
          c.code().equals("predicted_self_report")
              ? MODEL_WEIGHT
              : nominalWeight(c) / ruleWeight * ruleShare;
      weighted.add(c.withWeight(w));
      total += w * c.subScore();
    }
    int score = (int) Math.round(clamp(total));
    return new ReadinessResult(userId, day, score, ReadinessBand.of(score), weighted, null, model);
  }

  private static double nominalWeight(Contributor c) {
    return switch (c.code()) {
      case "resting_hr" -> W_RESTING_HR;
      case "hrv" -> W_HRV;
      case "sleep" -> W_SLEEP;
      case "training_load" -> W_LOAD;
      case "previous_day_activity" -> W_PREVIOUS_DAY;
      default -> throw new IllegalArgumentException("unknown contributor " + c.code());
    };
  }

  /** Sub-score 75 at baseline, 25 points per SD of change, lower resting HR is better. */
  static Optional<Contributor> restingHr(Days days, LocalDate day) {
    LocalDate measured = days.value(day, DailyMetrics::restingHr) != null ? day : day.minusDays(1);
    Double current = days.value(measured, DailyMetrics::restingHr);
    if (current == null) {
      return Optional.empty();
    }
    Stats base =
        Stats.of(
            days.values(
                measured.minusDays(BASELINE_DAYS), measured.minusDays(1), DailyMetrics::restingHr));
    if (base.count() < MIN_BASELINE_VALUES) {
      return Optional.empty();
    }
    double sd = Math.max(base.sd(), RESTING_HR_SD_FLOOR);
    double z = (current - base.mean()) / sd;
    double sub = clamp(75 - 25 * z);
    return Optional.of(
        new Contributor(
            "resting_hr",
            current,
            base.mean(),
            "bpm",
            sub,
            W_RESTING_HR,
            String.format(
                Locale.ROOT,
                "Resting heart rate %.0f bpm against your %d-day baseline of %.1f bpm (SD %.1f): %s",
                current,
                BASELINE_DAYS,
                base.mean(),
                base.sd(),
                Math.abs(z) < 0.5 ? "normal" : z > 0 ? "elevated" : "lower than usual")));
  }

  /**
   * ln(rMSSD), 7-day rolling mean against the 60-day normal range mean +- 0.5 SD: 75 inside, down
   * 50 per SD below, up 25 per SD above.
   */
  static Optional<Contributor> hrv(Days days, LocalDate day) {
    Function<DailyMetrics, Double> lnHrv =
        m -> m.hrvRmssdMs() == null ? null : Math.log(m.hrvRmssdMs());
    if (days.value(day, DailyMetrics::hrvRmssdMs) == null) {
      return Optional.empty();
    }
    Stats rolling = Stats.of(days.values(day.minusDays(HRV_ROLLING_DAYS - 1L), day, lnHrv));
    Stats base = Stats.of(days.values(day.minusDays(BASELINE_DAYS), day.minusDays(1), lnHrv));
    if (rolling.count() < MIN_HRV_ROLLING_VALUES || base.count() < MIN_HRV_BASELINE_VALUES) {
      return Optional.empty();
    }
    double sd = Math.max(base.sd(), LN_HRV_SD_FLOOR);
    double lower = base.mean() - HRV_NORMAL_HALF_WIDTH_SD * sd;
    double upper = base.mean() + HRV_NORMAL_HALF_WIDTH_SD * sd;
    double m7 = rolling.mean();
    double sub;
    String where;
    if (m7 < lower) {
      sub = clamp(75 - 50 * (lower - m7) / sd);
      where = "below your normal range";
    } else if (m7 > upper) {
      sub = clamp(75 + 25 * (m7 - upper) / sd);
      where = "above your normal range";
    } else {
      sub = 75;
      where = "within your normal range";
    }
    return Optional.of(
        new Contributor(
            "hrv",
            m7,
            base.mean(),
            "ln ms",
            sub,
            W_HRV,
            String.format(
                Locale.ROOT,
                "HRV 7-day average %.0f ms (ln %.2f) %s of %.0f-%.0f ms (ln %.2f-%.2f, %d-day"
                    + " mean +- %.1f SD)",
                Math.exp(m7),
                m7,
                where,
                Math.exp(lower),
                Math.exp(upper),
                lower,
                upper,
                BASELINE_DAYS,
                HRV_NORMAL_HALF_WIDTH_SD)));
  }

  /** 60 % last night against need, 40 % the 14-night debt (8 hours of debt halve it). */
  static Optional<Contributor> sleep(Days days, LocalDate day, double need) {
    Double last = days.value(day, DailyMetrics::sleepMinutes);
    if (last == null) {
      return Optional.empty();
    }
    double debt = sleepDebtMinutes(days, day, need);
    double night = clamp(100 * last / need);
    double debtScore = clamp(100 - 50 * debt / need);
    double sub = 0.6 * night + 0.4 * debtScore;
    return Optional.of(
        new Contributor(
            "sleep",
            last,
            need,
            "min",
            sub,
            W_SLEEP,
            String.format(
                Locale.ROOT,
                "Slept %s last night against a need of %s; sleep debt over %d nights %s",
                hours(last),
                hours(need),
                SLEEP_DEBT_NIGHTS,
                hours(debt))));
  }

  /**
   * Sum of (need - slept) over the nights with data among the last 14 (including last night), never
   * below 0: extra sleep repays debt, it is not banked.
   */
  public static double sleepDebtMinutes(List<DailyMetrics> history, LocalDate day, double need) {
    return sleepDebtMinutes(new Days(history, day), day, need);
  }

  static double sleepDebtMinutes(Days days, LocalDate day, double need) {
    double debt = 0;
    for (double slept :
        days.values(day.minusDays(SLEEP_DEBT_NIGHTS - 1L), day, DailyMetrics::sleepMinutes)) {
      debt += need - slept;
    }
    return Math.max(0, debt);
  }

  /** Daily load: active minutes (energy out includes basal energy, so it does not measure load). */
  static Double load(DailyMetrics m) {
    return m.activeMinutes();
  }

  /** ACWR = mean load of the 7 days before {@code day} / mean of the 28 days before it. */
  static Optional<Contributor> trainingLoad(Days days, LocalDate day) {
    Stats acute =
        Stats.of(
            days.values(day.minusDays(ACUTE_DAYS), day.minusDays(1), ReadinessCalculator::load));
    Stats chronic =
        Stats.of(
            days.values(day.minusDays(CHRONIC_DAYS), day.minusDays(1), ReadinessCalculator::load));
    if (acute.count() < MIN_ACUTE_VALUES
        || chronic.count() < MIN_CHRONIC_VALUES
        || chronic.mean() <= 0) {
      return Optional.empty();
    }
    double acwr = acute.mean() / chronic.mean();
    double sub;
    String where;
    if (acwr > ACWR_HIGH) {
      sub = clamp(100 - 200 * (acwr - ACWR_HIGH));
      where = "above the 0.8-1.3 safe band: load is rising fast";
    } else if (acwr < ACWR_LOW) {
      sub = clamp(100 - 100 * (ACWR_LOW - acwr));
      where = "below the 0.8-1.3 band: lighter than usual";
    } else {
      sub = 100;
      where = "within the 0.8-1.3 safe band";
    }
    return Optional.of(
        new Contributor(
            "training_load",
            acwr,
            1.0,
            "ratio",
            sub,
            W_LOAD,
            String.format(
                Locale.ROOT,
                "Acute:chronic load %.2f (7-day %.0f vs 28-day %.0f active min/day), %s",
                acwr,
                acute.mean(),
                chronic.mean(),
                where)));
  }

  /** Yesterday's load against the 28-day mean: free up to 1.5x, then 25 points per 0.5x. */
  static Optional<Contributor> previousDay(Days days, LocalDate day) {
    Double yesterday = days.value(day.minusDays(1), ReadinessCalculator::load);
    Stats chronic =
        Stats.of(
            days.values(day.minusDays(CHRONIC_DAYS), day.minusDays(1), ReadinessCalculator::load));
    if (yesterday == null || chronic.count() < MIN_CHRONIC_VALUES || chronic.mean() <= 0) {
      return Optional.empty();
    }
    double ratio = yesterday / chronic.mean();
    double sub =
        ratio <= PREVIOUS_DAY_FREE_RATIO
            ? 100
            : clamp(100 - 50 * (ratio - PREVIOUS_DAY_FREE_RATIO));
    return Optional.of(
        new Contributor(
            "previous_day_activity",
            yesterday,
            chronic.mean(),
            "min",
            sub,
            W_PREVIOUS_DAY,
            String.format(
                Locale.ROOT,
                "Yesterday %.0f active minutes, %.1fx your 28-day average of %.0f",
                yesterday,
                ratio,
                chronic.mean())));
  }

  static double clamp(double value) {
    return Math.max(0, Math.min(100, value));
  }

  static String hours(double minutes) {
    long rounded = Math.round(minutes);
    return (rounded / 60) + " h " + (rounded % 60) + " min";
  }

  /** The user's days up to and including {@code day}, by date. */
  static final class Days {
    private final NavigableMap<LocalDate, DailyMetrics> byDate = new TreeMap<>();

    Days(List<DailyMetrics> history, LocalDate day) {
      for (DailyMetrics m : history) {
        if (!m.localDate().isAfter(day)) {
          if (byDate.put(m.localDate(), m) != null) {
            throw new IllegalArgumentException(
                "history has two entries for "
                    + m.localDate()
                    + "; aggregate to one per day first");
          }
        }
      }
    }

    Double value(LocalDate date, Function<DailyMetrics, Double> field) {
      DailyMetrics m = byDate.get(date);
      return m == null ? null : field.apply(m);
    }

    List<DailyMetrics> window(LocalDate from, LocalDate toInclusive) {
      return List.copyOf(byDate.subMap(from, true, toInclusive, true).values());
    }

    List<Double> values(
        LocalDate from, LocalDate toInclusive, Function<DailyMetrics, Double> field) {
      List<Double> out = new ArrayList<>();
      for (DailyMetrics m : byDate.subMap(from, true, toInclusive, true).values()) {
        Double v = field.apply(m);
        if (v != null) {
          out.add(v);
        }
      }
      return out;
    }
  }

  /** Mean and population SD of a window. */
  record Stats(int count, double mean, double sd) {
    static Stats of(List<Double> values) {
      if (values.isEmpty()) {
        return new Stats(0, Double.NaN, Double.NaN);
      }
      double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      double variance =
          values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / values.size();
      return new Stats(values.size(), mean, Math.sqrt(variance));
    }
  }
}
