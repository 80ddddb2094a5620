package org.vitalake.serving.plan;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.stream.Collectors;
import org.vitalake.core.daily.DailyMetrics;
import org.vitalake.core.id.UserId;
import org.vitalake.core.plan.CoachingPlan;
import org.vitalake.core.plan.DailySummary;
import org.vitalake.core.plan.PlanGenerator;
import org.vitalake.core.profile.UserProfile;
import org.vitalake.core.readiness.AnomalyResult;
import org.vitalake.core.readiness.ModelRef;
import org.vitalake.core.readiness.ReadinessCalculator;
import org.vitalake.core.readiness.ReadinessModel;
import org.vitalake.core.readiness.ReadinessResult;
import org.vitalake.serving.consent.IcebergConsents;
import org.vitalake.serving.plan.PlanResponse.BasedOnView;
import org.vitalake.serving.plan.PlanResponse.TodayInput;
import org.vitalake.serving.problem.ProblemException;
import org.vitalake.serving.profile.IcebergProfiles;
import org.vitalake.serving.realtime.BronzeConsumer;
import org.vitalake.serving.realtime.DayTotals;
import org.vitalake.serving.realtime.RealtimeProperties;
import org.vitalake.serving.realtime.TodayAggregates;
import org.vitalake.serving.request.DateParameters;
import org.vitalake.serving.summary.IcebergDailyMetricsStore;

/**
 * A user's coaching plan for a day.
 *
 * <p>For today: the nightly plan with today's near-real-time steps and intake merged in; when last
 * night's sleep, resting heart rate or HRV arrived after the nightly run, readiness and
 * recommendations are recomputed with core's readiness and plan rules and the registered models
 * (the morning refresh); without a nightly plan for today, the plan is derived the same way on
 * request (never an older day's plan in its place). For another day: the stored plan with that
 * day's final numbers from {@code gold.daily_metrics}, or 404 naming the dates that exist.
 */
@Singleton
public class PlanService {

  /** History read for a recomputed plan: readiness baselines plus the training-load window. */
  static final int HISTORY_DAYS =
      ReadinessCalculator.BASELINE_DAYS + ReadinessCalculator.CHRONIC_DAYS;

  private static final int LISTED_DATES = 10;

  private final IcebergCoachingPlanStore plans;
  private final IcebergDailyMetricsStore dailyMetrics;
  private final IcebergProfiles profiles;
  private final IcebergConsents consents;
  private final IcebergSelfReports selfReports;
  private final CoachingModels models;
  private final TodayAggregates today;
  private final BronzeConsumer consumer;
  private final RealtimeProperties realtime;
  private final VersionedCache<PlanResponse> computed = new VersionedCache<>(10_000);
  private final VersionedCache<RenderedPlan> rendered = new VersionedCache<>(20_000);
  private final Clock clock = Clock.systemUTC();

  public PlanService(
      IcebergCoachingPlanStore plans,
      IcebergDailyMetricsStore dailyMetrics,
      IcebergProfiles profiles,
      IcebergConsents consents,
      IcebergSelfReports selfReports,
      CoachingModels models,
      TodayAggregates today,
      BronzeConsumer consumer,
      RealtimeProperties realtime) {
    this.plans = plans;
    this.dailyMetrics = dailyMetrics;
    this.profiles = profiles;
    this.consents = consents;
    this.selfReports = selfReports;
    this.models = models;
    this.today = today;
    this.consumer = consumer;
    this.realtime = realtime;
  }

  /** A plan serialised for the wire, with its entity tag. */
  public record RenderedPlan(byte[] body, String etag) {}

  /**
   * {@link #findPlan} serialised by {@code render}; the serialised form is reused while nothing the
   * plan depends on has changed.
   */
  public RenderedPlan findRendered(
      UserId userId, String date, java.util.function.Function<PlanResponse, RenderedPlan> render) {
    // before the cache: a plan rendered before a withdrawal must not be served after it
    requireCoaching(userId);
    Instant now = clock.instant();
    LocalDate localToday = today.todayOf(userId, now);
    LocalDate day = DateParameters.parse("date", date, localToday);
    // today's plan is live and yesterday's is final: after midnight the same day renders anew
    String version =
        key(userId, day, today.find(userId, day).orElse(null))
            + (day.equals(localToday) ? "|today" : "|past");
    return rendered.find(version, () -> render.apply(findPlan(userId, date)));
  }

  /**
   * The plan of {@code date} ({@code YYYY-MM-DD}, default the user's today).
   *
   * @throws ProblemException 400 for a malformed date, 403 when the user withdrew consent to
   *     coaching, 404 when there is no plan for the date
   */
  public PlanResponse findPlan(UserId userId, String date) {
    if (!plans.loaded() || !dailyMetrics.loaded()) {
      // the views are tried again every gold-refresh-interval, whether or not the last try failed
      throw ProblemException.unavailable(
          "the coaching plans are still being loaded from the lakehouse",
          realtime.goldRefreshInterval());
    }
    requireCoaching(userId);
    Instant now = clock.instant();
    ZoneId zone = today.zoneOf(userId);
    LocalDate localToday = now.atZone(zone).toLocalDate();
    LocalDate day = DateParameters.parse("date", date, localToday);
    Optional<StoredPlan> stored = plans.find(userId, day);
    if (!day.equals(localToday)) {
      return stored
          .map(s -> pastPlan(s, day))
          .orElseThrow(() -> noPlan(userId, day, localToday, zone));
    }
    Optional<DayTotals> live = today.find(userId, day);
    if (stored.isPresent()) {
      StoredPlan s = stored.get();
      if (live.isPresent() && arrivedAfter(live.get(), s.createdAt())) {
        return computed.find(key(userId, day, live.get()), () -> recompute(userId, day, live, s));
      }
      return mergedNightly(s, live.orElse(null));
    }
    if (live.isEmpty()
        && profiles.findLatest(userId).isEmpty()
        && dailyMetrics.findBefore(userId, day.plusDays(1)).isEmpty()) {
      if (!consumer.ready() || !dailyMetrics.loaded() || !profiles.loaded()) {
        // bronze is tried again every poll-interval, the views every gold-refresh-interval
        throw ProblemException.unavailable(
            "today's data is still being loaded after a start of the service",
            max(realtime.pollInterval(), realtime.goldRefreshInterval()));
      }
      throw noPlan(userId, day, localToday, zone);
    }
    return computed.find(
        key(userId, day, live.orElse(null)), () -> recompute(userId, day, live, null));
  }

  private void requireCoaching(UserId userId) {
    consents.requireCoaching(
        userId,
        () ->
            ProblemException.unavailable(
                "the users' consents are still being loaded from the lakehouse",
                realtime.goldRefreshInterval()));
  }

  /** Whether sleep, resting heart rate or HRV of today arrived after the nightly plan. */
  static boolean arrivedAfter(DayTotals live, Instant nightlyCreatedAt) {
    for (Instant at :
        new Instant[] {live.sleepReceivedAt(), live.restingHrReceivedAt(), live.hrvReceivedAt()}) {
      if (at != null && at.isAfter(nightlyCreatedAt)) {
        return true;
      }
    }
    return false;
  }

  /** The stored plan with today's near-real-time steps and intake in its daily summary. */
  PlanResponse mergedNightly(StoredPlan s, DayTotals live) {
    CoachingPlan plan = withProgress(s.plan(), live);
    BasedOnView basedOn =
        basedOn(
            plan,
            "nightly",
            s,
            live,
            "the nightly plan of "
                + plan.planDate()
                + (live == null
                    ? "; nothing has arrived today yet"
                    : ", with today's steps and intake as they arrive"));
    return PlanResponse.of(plan, nightlyModel(s), basedOn);
  }

  private PlanResponse pastPlan(StoredPlan s, LocalDate day) {
    CoachingPlan plan = s.plan();
    Optional<DailyMetrics> final_ = dailyMetrics.find(plan.userId(), day);
    String note = "the nightly plan of " + day;
    if (final_.isPresent()) {
      DailyMetrics d = final_.get();
      DailySummary summary =
          new DailySummary(
              plan.dailySummary().calorieGoal(),
              d.energyInKcal() == null
                  ? plan.dailySummary().currentIntake()
                  : (int) Math.round(d.energyInKcal()),
              plan.dailySummary().stepsGoal(),
              d.steps() == null ? plan.dailySummary().currentSteps() : d.steps());
      plan = withSummary(plan, summary, plan.updatedAt());
      note += ", with the day's final steps and intake from gold.daily_metrics";
    }
    return PlanResponse.of(plan, nightlyModel(s), basedOn(plan, "nightly", s, null, note));
  }

  private PlanResponse recompute(
      UserId userId, LocalDate day, Optional<DayTotals> live, StoredPlan nightly) {
    UserProfile profile = profiles.findLatest(userId).orElse(null);
    List<DailyMetrics> history =
        new ArrayList<>(
            dailyMetrics.findByUser(userId, day.minusDays(HISTORY_DAYS), day.minusDays(1)));
    DailyMetrics todayRow =
        todayRow(userId, day, dailyMetrics.find(userId, day).orElse(null), live.orElse(null));
    if (todayRow != null) {
      history.add(todayRow);
    }
    ReadinessResult readiness =
        ReadinessCalculator.score(
            userId, history, day, ReadinessCalculator.DEFAULT_SLEEP_NEED_MINUTES);
    List<ModelRef> used = new ArrayList<>();
    if (readiness.hasScore()) {
      Optional<ReadinessModel> model = models.readinessModel();
      if (model.isPresent()) {
        var prediction = model.get().predict(history, selfReports.find(userId), day);
        if (prediction.isPresent()) {
          readiness = ReadinessCalculator.personalize(readiness, prediction.get());
          used.add(prediction.get().model());
        }
      }
    }
    AnomalyResult anomaly =
        models.anomalyDetector().flatMap(d -> d.detect(history, day)).orElse(null);
    if (anomaly != null) {
      used.add(anomaly.model());
    }
    Instant updatedAt =
        latest(
            nightly == null ? null : nightly.createdAt(),
            live.map(DayTotals::lastReceivedAt).orElse(null));
    if (updatedAt == null) {
      updatedAt =
          day.atStartOfDay(today.zoneOf(userId)).toInstant(); // a stable time for a stable ETag
    }
    CoachingPlan plan =
        PlanGenerator.generate(profile, history, readiness, anomaly, day, updatedAt, used);
    plan = withProgress(plan, live.orElse(null));
    String origin;
    String note;
    if (nightly != null) {
      origin = "morning-refresh";
      note =
          "readiness and recommendations recomputed at request time because today's sleep, resting"
              + " heart rate or HRV arrived after the nightly plan was written at "
              + nightly.createdAt();
    } else {
      origin = plan.starter() ? "starter" : "derived";
      NavigableSet<LocalDate> dates = plans.findDates(userId);
      LocalDate latest = dates.isEmpty() ? null : dates.last();
      note =
          "no nightly plan for "
              + day
              + (latest == null
                  ? " (none yet for this user)"
                  : " (latest nightly plan: " + latest + ")")
              + "; computed on request from "
              + (plan.starter() ? "no history (starter plan)" : "the daily metrics history")
              + (live.isPresent() ? " and today's near-real-time data" : "");
    }
    return PlanResponse.of(
        plan,
        nightly == null ? null : nightlyModel(nightly),
        basedOn(plan, origin, nightly, live.orElse(null), note));
  }

  /**
   * Today's row for the readiness and plan rules: the nightly row if any, overlaid with live data.
   */
  static DailyMetrics todayRow(UserId userId, LocalDate day, DailyMetrics gold, DayTotals live) {
    if (live == null) {
      return gold;
    }
    DailyMetrics base = gold == null ? DailyMetrics.empty(userId, day) : gold;
    List<String> sources = new ArrayList<>(base.sources());
    live.sources().stream().filter(s -> !sources.contains(s)).forEach(sources::add);
    try {
      return new DailyMetrics(
          userId,
          day,
          live.steps() != null ? live.steps() : base.steps(),
          base.activeMinutes(),
          base.energyOutKcal(),
          live.restingHr() != null ? live.restingHr() : base.restingHr(),
          live.hrvRmssdMs() != null ? live.hrvRmssdMs() : base.hrvRmssdMs(),
          live.sleepMinutes() != null
              ? Double.valueOf(Math.min(live.sleepMinutes(), 1440))
              : base.sleepMinutes(),
          base.sleepEfficiency(),
          base.deepSleepMinutes(),
          base.remSleepMinutes(),
          live.energyInKcal() != null ? live.energyInKcal() : base.energyInKcal(),
          live.proteinG() != null ? live.proteinG() : base.proteinG(),
          base.mood(),
          base.coverage(),
          sources);
    } catch (IllegalArgumentException e) {
      // a live value outside the physiological range: the nightly run will judge it
      return gold;
    }
  }

  /** The plan with today's live steps and intake in its daily summary. */
  static CoachingPlan withProgress(CoachingPlan plan, DayTotals live) {
    if (live == null) {
      return plan;
    }
    DailySummary s = plan.dailySummary();
    DailySummary merged =
        new DailySummary(
            s.calorieGoal(),
            live.energyInKcal() == null ? s.currentIntake() : (int) Math.round(live.energyInKcal()),
            s.stepsGoal(),
            live.steps() == null ? s.currentSteps() : live.steps());
    return withSummary(plan, merged, latest(plan.updatedAt(), live.lastReceivedAt()));
  }

  private static CoachingPlan withSummary(CoachingPlan p, DailySummary summary, Instant updatedAt) {
    return new CoachingPlan(
        p.userId(),
        p.planDate(),
        updatedAt,
        summary,
        p.recommendations(),
        p.readiness(),
        p.sleepTargetMinutes(),
        p.anomaly(),
        p.dataCoverage(),
        p.models(),
        p.basedOn(),
        p.starter());
  }

  private BasedOnView basedOn(
      CoachingPlan plan, String origin, StoredPlan nightly, DayTotals live, String note) {
    List<TodayInput> inputs = new ArrayList<>();
    if (live != null) {
      add(inputs, "sleep_minutes", live.sleepMinutes(), live.sleepReceivedAt());
      add(inputs, "resting_hr", live.restingHr(), live.restingHrReceivedAt());
      add(inputs, "hrv_rmssd_ms", live.hrvRmssdMs(), live.hrvReceivedAt());
      add(
          inputs,
          "steps",
          live.steps() == null ? null : live.steps().doubleValue(),
          live.lastReceivedAt());
      add(inputs, "energy_in_kcal", live.energyInKcal(), live.lastReceivedAt());
    }
    return new BasedOnView(
        plan.basedOn().historyFrom(),
        plan.basedOn().historyTo(),
        plan.basedOn().inputs(),
        plan.basedOn().defaultsUsed(),
        origin,
        nightly == null ? null : nightly.createdAt(),
        nightly == null ? List.of() : nightly.inputSnapshotIds(),
        inputs,
        note);
  }

  private static void add(List<TodayInput> inputs, String name, Double value, Instant at) {
    if (value != null) {
      inputs.add(new TodayInput(name, value, at));
    }
  }

  private static PlanResponse.ModelView nightlyModel(StoredPlan s) {
    return s.modelId() == null || s.modelVersion() == null
        ? null
        : new PlanResponse.ModelView(s.modelId(), s.modelVersion());
  }

  private String key(UserId userId, LocalDate day, DayTotals live) {
    return userId
        + "|"
        + day
        + "|"
        + (live == null ? "-" : live.lastReceivedAt() + "/" + live.samples())
        + "|"
        + plans.snapshotId().orElse(0L)
        + "|"
        + dailyMetrics.snapshotId().orElse(0L)
        + "|"
        + profiles.snapshotId().orElse(0L)
        + "|"
        + selfReports.snapshotId().orElse(0L)
        + "|"
        + models.versions();
  }

  private ProblemException noPlan(UserId userId, LocalDate day, LocalDate localToday, ZoneId zone) {
    NavigableSet<LocalDate> dates = plans.findDates(userId);
    String why;
    if (day.equals(localToday)) {
      why =
          "there is no data for this user yet (no profile, no daily metrics, nothing synced today),"
              + " so no plan can be derived; sync a device or log a meal";
    } else if (day.isAfter(localToday)) {
      why = day + " is after the user's today (" + localToday + " in " + zone + ")";
    } else {
      why = "the nightly run wrote no plan for that day";
    }
    String existing;
    if (dates.isEmpty()) {
      existing = "no nightly plans exist for this user yet";
    } else {
      List<LocalDate> latest =
          new ArrayList<>(dates.descendingSet()).subList(0, Math.min(LISTED_DATES, dates.size()));
      existing =
          "plans exist for "
              + dates.size()
              + " dates from "
              + dates.first()
              + " to "
              + dates.last()
              + "; the latest: "
              + latest.stream().map(LocalDate::toString).collect(Collectors.joining(", "));
    }
    return ProblemException.notFound(
        "no plan for user " + userId + " on " + day + ": " + why + "; " + existing);
  }

  private static Instant latest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }

  /** A bounded cache of values keyed by everything they depend on. */
  static final class VersionedCache<T> {
    private final Map<String, T> entries;

    VersionedCache(int maxEntries) {
      this.entries =
          new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, T> eldest) {
              return size() > maxEntries;
            }
          };
    }

    T find(String key, java.util.function.Supplier<T> compute) {
      synchronized (entries) {
        T hit = entries.get(key);
        if (hit != null) {
          return hit;
        }
      }
      T value = compute.get();
      synchronized (entries) {
        entries.put(key, value);
      }
      return value;
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
