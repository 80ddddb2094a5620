package org.vitalake.serving.realtime;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.SleepStage;

/** The running totals of one user's day; not thread-safe (guarded by its {@link UserDays}). */
final class DayAccumulator {

  private final UserId userId;
  private final LocalDate date;
  private final int maxKeys;

  private final Map<String, Double> stepsBySource = new HashMap<>();
  private final Map<String, Double> activeEnergyBySource = new HashMap<>();
  private final Map<String, Double> sleepSessionBySource = new HashMap<>();
  private final Map<String, Double> sleepStagesBySource = new HashMap<>();
  // additive samples and meals are counted once even when a device or app sends them again
  private final Set<String> countedKeys = new HashSet<>();
  private final Set<String> sources = new TreeSet<>();
  private Double energyIn;
  private Double protein;
  private Reading heartRate;
  private Reading restingHr;
  private Reading hrv;
  private Instant sleepReceivedAt;
  private Instant lastReceivedAt;
  private long samples;

  private record Reading(double value, Instant at, Instant receivedAt) {

    boolean isOlderThan(Instant otherAt) {
      return at.isBefore(otherAt) || at.equals(otherAt);
    }
  }

  DayAccumulator(UserId userId, LocalDate date, int maxKeys) {
    this.userId = userId;
    this.date = date;
    this.maxKeys = maxKeys;
  }

  void add(WearableEvent e) {
    switch (e.metric()) {
      case STEPS -> {
        if (firstTime(e.sampleKey())) {
          stepsBySource.merge(e.source(), e.value(), Double::sum);
        }
      }
      case ACTIVE_ENERGY -> {
        if (firstTime(e.sampleKey())) {
          activeEnergyBySource.merge(e.source(), e.value(), Double::sum);
        }
      }
      case HEART_RATE -> heartRate = latest(heartRate, e);
      case RESTING_HEART_RATE -> restingHr = latest(restingHr, e);
      case HRV_RMSSD -> hrv = latest(hrv, e);
      case SLEEP_SESSION -> {
        if (firstTime(e.sampleKey())) {
          sleepSessionBySource.merge(e.source(), e.value(), Double::sum);
          sleepReceivedAt = max(sleepReceivedAt, e.receivedAt());
        }
      }
      case SLEEP_STAGE -> {
        if (isAsleep(e.value()) && e.end() != null && firstTime(e.sampleKey())) {
          double minutes = Duration.between(e.start(), e.end()).toSeconds() / 60.0;
          sleepStagesBySource.merge(e.source(), minutes, Double::sum);
          sleepReceivedAt = max(sleepReceivedAt, e.receivedAt());
        }
      }
      default -> {
        // other metrics are not part of today's summary; the nightly run aggregates them
        return;
      }
    }
    sources.add(e.source());
    samples++;
    lastReceivedAt = max(lastReceivedAt, e.receivedAt());
  }

  void add(MealEvent e) {
    if (!firstTime("meal:" + e.entryId())) {
      return;
    }
    if (e.energyKcal() != null) {
      energyIn = (energyIn == null ? 0 : energyIn) + e.energyKcal();
    }
    if (e.proteinG() != null) {
      protein = (protein == null ? 0 : protein) + e.proteinG();
    }
    samples++;
    lastReceivedAt = max(lastReceivedAt, e.receivedAt());
  }

  DayTotals totals() {
    Double steps = maxOf(stepsBySource);
    Double sleep =
        sleepSessionBySource.isEmpty() ? maxOf(sleepStagesBySource) : maxOf(sleepSessionBySource);
    return new DayTotals(
        userId,
        date,
        steps == null ? null : Math.round(steps),
        maxOf(activeEnergyBySource),
        energyIn,
        protein,
        heartRate == null ? null : heartRate.value(),
        heartRate == null ? null : heartRate.at(),
        sleep,
        restingHr == null ? null : restingHr.value(),
        hrv == null ? null : hrv.value(),
        sleepReceivedAt,
        restingHr == null ? null : restingHr.receivedAt(),
        hrv == null ? null : hrv.receivedAt(),
        lastReceivedAt,
        samples,
        sources.stream().toList());
  }

  LocalDate date() {
    return date;
  }

  private boolean firstTime(String key) {
    if (key.isEmpty() || countedKeys.size() >= maxKeys) {
      // without a key, or beyond the bound, a repeat cannot be recognised: count it
      return true;
    }
    return countedKeys.add(key);
  }

  private static Reading latest(Reading current, WearableEvent e) {
    if (current == null || current.isOlderThan(e.start())) {
      return new Reading(e.value(), e.start(), e.receivedAt());
    }
    return current;
  }

  private static boolean isAsleep(double stageCode) {
    int code = (int) Math.round(stageCode);
    return code == SleepStage.LIGHT.code()
        || code == SleepStage.DEEP.code()
        || code == SleepStage.REM.code()
        || code == SleepStage.ASLEEP.code();
  }

  private static Double maxOf(Map<String, Double> bySource) {
    return bySource.values().stream().max(Double::compare).orElse(null);
  }

  private static Instant max(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }
}
