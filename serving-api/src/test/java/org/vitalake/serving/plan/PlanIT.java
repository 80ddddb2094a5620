package org.vitalake.serving.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.iceberg.data.Record;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vitalake.core.consent.ConsentDecision;
import org.vitalake.core.consent.Purpose;
import org.vitalake.core.daily.DailyMetrics;
import org.vitalake.core.id.UserId;
import org.vitalake.core.plan.CoachingPlan;
import org.vitalake.core.plan.PlanGenerator;
import org.vitalake.core.profile.Sex;
import org.vitalake.core.profile.UserProfile;
import org.vitalake.core.readiness.ReadinessCalculator;
import org.vitalake.core.readiness.ReadinessResult;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableAppender;
import org.vitalake.lakehouse.consent.IcebergConsentStore;
import org.vitalake.serving.BronzeRows;
import org.vitalake.serving.GoldRows;
import org.vitalake.serving.ServingStack;
import org.vitalake.serving.bench.ServingClient;

class PlanIT {

  private static final Duration GENEROUS = Duration.ofSeconds(30);
  private static final String WITH_PLAN = "plan-user-1";
  private static final String REFRESHED = "plan-user-2";
  private static final String NO_PLAN_TODAY = "plan-user-3";
  private static final String CHANGES_CONSENT = "plan-user-4";

  private static ServingStack stack;
  private static TableAppender appender;
  private static int offset;
  private static ZoneOffset zone;
  private static LocalDate today;
  private static Instant nightlyAt;
  private static final Map<String, List<DailyMetrics>> HISTORY = new java.util.HashMap<>();
  private static final Map<String, CoachingPlan> NIGHTLY = new java.util.HashMap<>();
  private static CoachingPlan yesterdaysPlan;

  @BeforeAll
  static void startStackWithNightlyOutput() {
    stack = ServingStack.start();
    appender = new TableAppender(stack.lake().lakehouse());
    Instant now = Instant.now();
    offset = ServingStack.noonOffsetSeconds(now);
    zone = ZoneOffset.ofTotalSeconds(offset);
    today = now.atOffset(zone).toLocalDate();
    nightlyAt = now.minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);

    List<Record> profiles = new ArrayList<>();
    List<Record> metrics = new ArrayList<>();
    List<Record> plans = new ArrayList<>();
    for (String user : List.of(WITH_PLAN, REFRESHED, NO_PLAN_TODAY, CHANGES_CONSENT)) {
      profiles.add(GoldRows.profile(user, zone.getId(), now.minus(30, ChronoUnit.DAYS)));
      List<DailyMetrics> history = history(user);
      HISTORY.put(user, history);
      history.forEach(d -> metrics.add(GoldRows.dailyMetrics(d)));
    }
    appender.append(LakehouseTables.USER_PROFILES, profiles);
    long metricsSnapshot = appender.append(LakehouseTables.DAILY_METRICS, metrics);
    for (String user : List.of(WITH_PLAN, REFRESHED, CHANGES_CONSENT)) {
      CoachingPlan plan = nightlyPlan(user, today);
      NIGHTLY.put(user, plan);
      plans.add(
          GoldRows.plan(plan, "readiness-regression", "v1", List.of(metricsSnapshot), nightlyAt));
    }
    yesterdaysPlan = nightlyPlan(NO_PLAN_TODAY, today.minusDays(1));
    plans.add(
        GoldRows.plan(
            yesterdaysPlan,
            "readiness-regression",
            "v1",
            List.of(metricsSnapshot),
            nightlyAt.minus(1, ChronoUnit.DAYS)));
    appender.append(LakehouseTables.COACHING_PLANS, plans);
    appender.append(
        LakehouseTables.READINESS,
        List.of(
            GoldRows.readiness(WITH_PLAN, today.minusDays(2), 71, "good", "[{\"code\":\"sleep\"}]"),
            GoldRows.readiness(WITH_PLAN, today.minusDays(1), 44, "moderate", null)));
    stack.awaitRealtimeReady();
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  static UserProfile profile(String user) {
    return new UserProfile(
        UserId.of(user),
        1988,
        Sex.FEMALE,
        168.0,
        64.0,
        zone,
        List.of(),
        Instant.now().minus(30, ChronoUnit.DAYS));
  }

  /** 20 days up to yesterday, with every value derived from the day index. */
  static List<DailyMetrics> history(String user) {
    List<DailyMetrics> days = new ArrayList<>();
    for (int i = 20; i >= 1; i--) {
      days.add(
          new DailyMetrics(
              UserId.of(user),
              today.minusDays(i),
              7000L + 150L * i,
              30.0 + i,
              2300.0,
              55.0 + i % 3,
              60.0 + i % 5,
              420.0 + (i % 4) * 10,
              0.9,
              80.0,
              90.0,
              2100.0,
              85.0,
              null,
              0.9,
              List.of("test-watch")));
    }
    return days;
  }

  /** What the nightly run computes for {@code day}: core's readiness and plan rules. */
  static CoachingPlan nightlyPlan(String user, LocalDate day) {
    List<DailyMetrics> history = HISTORY.get(user);
    ReadinessResult readiness =
        ReadinessCalculator.score(
            UserId.of(user), history, day, ReadinessCalculator.DEFAULT_SLEEP_NEED_MINUTES);
    return PlanGenerator.generate(
        profile(user), history, readiness, null, day, nightlyAt, List.of());
  }

  private static String token(String user) {
    return stack.jwks().token(user, "user");
  }

  @Test
  @SuppressWarnings("unchecked")
  void todaysPlanHasEverySeedContractFieldWithTodaysStepsAndIntakeMerged() {
    // given
    CoachingPlan nightly = NIGHTLY.get(WITH_PLAN);
    Instant t = Instant.now().minus(30, ChronoUnit.MINUTES);
    appender.append(
        LakehouseTables.WEARABLE_SAMPLES,
        List.of(
            BronzeRows.sample(
                WITH_PLAN, "steps", 2500, t, t.plusSeconds(900), offset, "test-watch"),
            BronzeRows.sample(
                WITH_PLAN,
                "steps",
                1350,
                t.plusSeconds(900),
                t.plusSeconds(1800),
                offset,
                "test-watch")));
    appender.append(
        LakehouseTables.JOURNAL_ENTRIES, List.of(BronzeRows.meal(WITH_PLAN, t, offset, 612.6, 30)));

    // when
    Map<String, Object> plan =
        stack.awaitJson(
            "/coaching/plan/" + WITH_PLAN,
            token(WITH_PLAN),
            body ->
                ((Number) ((Map<String, Object>) body.get("dailySummary")).get("currentSteps"))
                            .longValue()
                        == 3850
                    && ((Number)
                                ((Map<String, Object>) body.get("dailySummary"))
                                    .get("currentIntake"))
                            .intValue()
                        == 613,
            GENEROUS);

    // then: the seed contract
    assertThat(plan.get("userId")).isEqualTo(WITH_PLAN);
    assertThat(Instant.parse((String) plan.get("updatedAt"))).isAfterOrEqualTo(nightlyAt);
    Map<String, Object> summary = (Map<String, Object>) plan.get("dailySummary");
    assertThat(summary)
        .containsOnlyKeys("calorieGoal", "currentIntake", "stepsGoal", "currentSteps")
        .containsEntry("calorieGoal", nightly.dailySummary().calorieGoal())
        .containsEntry("stepsGoal", nightly.dailySummary().stepsGoal());
    List<Map<String, Object>> recs = (List<Map<String, Object>>) plan.get("recommendations");
    assertThat(recs).hasSize(nightly.recommendations().size());
    for (int i = 0; i < recs.size(); i++) {
      assertThat(recs.get(i))
          .containsEntry("id", nightly.recommendations().get(i).id())
          .containsEntry("type", nightly.recommendations().get(i).type())
          .containsEntry("title", nightly.recommendations().get(i).title())
          .containsEntry("message", nightly.recommendations().get(i).message());
    }
    // and the extensions
    assertThat(plan.get("planDate")).isEqualTo(today.toString());
    Map<String, Object> readiness = (Map<String, Object>) plan.get("readiness");
    assertThat(readiness.get("score")).isEqualTo(nightly.readiness().score());
    assertThat((List<?>) readiness.get("contributors"))
        .hasSize(nightly.readiness().contributors().size());
    assertThat(plan.get("sleepTargetMinutes")).isEqualTo(nightly.sleepTargetMinutes());
    assertThat(plan).containsKeys("anomalyAlerts", "anomaly", "dataCoverage", "models", "starter");
    assertThat((Map<String, Object>) plan.get("model"))
        .containsEntry("id", "readiness-regression")
        .containsEntry("version", "v1");
    Map<String, Object> basedOn = (Map<String, Object>) plan.get("basedOn");
    assertThat(basedOn.get("origin")).isEqualTo("nightly");
    assertThat(basedOn.get("historyTo")).isEqualTo(today.minusDays(1).toString());

    // and /me is the same plan
    Map<String, Object> mine =
        ServingStack.json(stack.client().get("/coaching/plan/me", token(WITH_PLAN)).body());
    assertThat(mine).isEqualTo(plan);
  }

  @Test
  void anUnchangedPlanAnswers304ToItsEtag() {
    // given
    ServingClient.Response first = awaitPlan(WITH_PLAN);

    // when
    ServingClient.Response again =
        stack.client().get("/coaching/plan/" + WITH_PLAN, token(WITH_PLAN), first.etag());
    ServingClient.Response other =
        stack.client().get("/coaching/plan/" + WITH_PLAN, token(WITH_PLAN), "\"something-else\"");

    // then
    assertThat(first.etag()).startsWith("\"").endsWith("\"");
    assertThat(first.cacheControl()).isEqualTo("private, max-age=60");
    if (again.status() == 200) {
      // today's numbers moved between the two requests: the tag must have changed with them
      assertThat(again.etag()).isNotEqualTo(first.etag());
    } else {
      assertThat(again.status()).isEqualTo(304);
      assertThat(again.etag()).isEqualTo(first.etag());
      assertThat(again.body()).isEmpty();
    }
    assertThat(other.status()).isEqualTo(200);
  }

  @Test
  @SuppressWarnings("unchecked")
  void sleepArrivingAfterTheNightlyRunRecomputesReadinessWithCoreRules() {
    // given last night's sleep, resting heart rate and HRV, synced this morning
    Instant wake = today.atTime(LocalTime.of(7, 0)).toInstant(zone);
    double sleep = 362;
    double restingHr = 61;
    double hrv = 41;
    appender.append(
        LakehouseTables.WEARABLE_SAMPLES,
        List.of(
            BronzeRows.sample(
                REFRESHED,
                "sleep_session",
                sleep,
                wake.minus(7, ChronoUnit.HOURS),
                wake,
                offset,
                "test-watch"),
            BronzeRows.sample(
                REFRESHED, "resting_heart_rate", restingHr, wake, null, offset, "test-watch"),
            BronzeRows.sample(REFRESHED, "hrv_rmssd", hrv, wake, null, offset, "test-watch")));

    // when
    Map<String, Object> plan =
        stack.awaitJson(
            "/coaching/plan/" + REFRESHED,
            token(REFRESHED),
            body ->
                "morning-refresh".equals(((Map<String, Object>) body.get("basedOn")).get("origin")),
            GENEROUS);

    // then readiness is what core computes with this morning's values
    List<DailyMetrics> withToday = new ArrayList<>(HISTORY.get(REFRESHED));
    withToday.add(
        new DailyMetrics(
            UserId.of(REFRESHED),
            today,
            null,
            null,
            null,
            restingHr,
            hrv,
            sleep,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of("test-watch")));
    ReadinessResult expected =
        ReadinessCalculator.score(
            UserId.of(REFRESHED), withToday, today, ReadinessCalculator.DEFAULT_SLEEP_NEED_MINUTES);
    Map<String, Object> readiness = (Map<String, Object>) plan.get("readiness");
    assertThat(readiness.get("score")).isEqualTo(expected.score());
    assertThat(readiness.get("band"))
        .isEqualTo(expected.band() == null ? null : expected.band().code());
    assertThat(expected.score()).isNotEqualTo(NIGHTLY.get(REFRESHED).readiness().score());
    Map<String, Object> basedOn = (Map<String, Object>) plan.get("basedOn");
    List<Map<String, Object>> inputs = (List<Map<String, Object>>) basedOn.get("todayInputs");
    assertThat(inputs)
        .extracting(i -> i.get("input"))
        .contains("sleep_minutes", "resting_hr", "hrv_rmssd_ms");
    assertThat(inputs)
        .allSatisfy(
            i -> assertThat(Instant.parse((String) i.get("receivedAt"))).isAfter(nightlyAt));
    assertThat(basedOn.get("nightlyCreatedAt")).isEqualTo(nightlyAt.toString());
  }

  @Test
  @SuppressWarnings("unchecked")
  void anEarlierDaysPlanCarriesThatDaysFinalNumbersAndAMissingDayIsA404ListingTheDates() {
    // given
    LocalDate yesterday = today.minusDays(1);
    DailyMetrics yesterdayMetrics =
        HISTORY.get(NO_PLAN_TODAY).get(HISTORY.get(NO_PLAN_TODAY).size() - 1);

    // when
    ServingClient.Response past = awaitPlan(NO_PLAN_TODAY, "?date=" + yesterday);
    ServingClient.Response missing =
        stack
            .client()
            .get(
                "/coaching/plan/" + NO_PLAN_TODAY + "?date=" + today.minusDays(5),
                token(NO_PLAN_TODAY));
    ServingClient.Response badDate =
        stack
            .client()
            .get("/coaching/plan/" + NO_PLAN_TODAY + "?date=yesterday", token(NO_PLAN_TODAY));

    // then
    Map<String, Object> summary =
        (Map<String, Object>) ServingStack.json(past.body()).get("dailySummary");
    assertThat(((Number) summary.get("currentSteps")).longValue())
        .isEqualTo(yesterdayMetrics.steps());
    assertThat(((Number) summary.get("currentIntake")).intValue())
        .isEqualTo((int) Math.round(yesterdayMetrics.energyInKcal()));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.contentType()).startsWith("application/problem+json");
    assertThat(ServingStack.json(missing.body()).get("detail").toString())
        .contains(yesterday.toString())
        .contains("no plan");
    assertThat(badDate.status()).isEqualTo(400);
    assertThat(ServingStack.json(badDate.body()).get("detail").toString()).startsWith("date:");
  }

  @Test
  @SuppressWarnings("unchecked")
  void withoutANightlyPlanForTodayTodaysPlanIsDerivedNotAnOlderOne() {
    // when
    Map<String, Object> plan = ServingStack.json(awaitPlan(NO_PLAN_TODAY).body());

    // then
    assertThat(plan.get("planDate")).isEqualTo(today.toString());
    Map<String, Object> basedOn = (Map<String, Object>) plan.get("basedOn");
    assertThat(basedOn.get("origin")).isEqualTo("derived");
    assertThat(basedOn.get("note").toString())
        .contains("latest nightly plan: " + today.minusDays(1));
  }

  @Test
  void aUserWithoutAnyDataGetsA404SayingWhy() {
    // when
    ServingClient.Response response =
        stack.client().get("/coaching/plan/me", stack.jwks().token("nobody-yet", "user"));

    // then
    assertThat(response.status()).isEqualTo(404);
    assertThat(ServingStack.json(response.body()).get("detail").toString())
        .contains("no data for this user yet");
  }

  @Test
  void aUserWhoWithdrewCoachingGetsNoPlanOrReadinessUntilGrantingItAgain() {
    // given: a plan served (and so rendered and cached) before the withdrawal
    String path = "/coaching/plan/" + CHANGES_CONSENT;
    assertThat(awaitPlan(CHANGES_CONSENT).status()).isEqualTo(200);
    IcebergConsentStore consents = new IcebergConsentStore(stack.lake().lakehouse());
    Instant withdrawnAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    // when
    consents.append(
        List.of(
            new ConsentDecision(
                UserId.of(CHANGES_CONSENT), Purpose.COACHING, 1, false, null, withdrawnAt)));
    ServingClient.Response refused =
        await()
            .atMost(GENEROUS)
            .pollInterval(Duration.ofMillis(100))
            .until(() -> stack.client().get(path, token(CHANGES_CONSENT)), r -> r.status() != 200);
    ServingClient.Response readiness = stack.client().get("/readiness", token(CHANGES_CONSENT));
    ServingClient.Response summary = stack.client().get("/summaries/today", token(CHANGES_CONSENT));

    // then
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(ServingStack.json(refused.body()).get("detail").toString())
        .contains("withdrew consent to coaching on " + withdrawnAt, "PUT /users/{id}/consents");
    assertThat(readiness.status()).isEqualTo(403);
    assertThat(summary.status()).as("today's summary is the user's own data").isNotEqualTo(403);

    // and when consent is granted again, the plan is back
    consents.append(
        List.of(
            new ConsentDecision(
                UserId.of(CHANGES_CONSENT),
                Purpose.COACHING,
                2,
                true,
                null,
                withdrawnAt.plusSeconds(60))));
    assertThat(awaitPlan(CHANGES_CONSENT).status()).isEqualTo(200);
  }

  @Test
  void plansAreOwnDataOnly() {
    // given
    String path = "/coaching/plan/" + WITH_PLAN;
    awaitPlan(WITH_PLAN);

    // when / then
    assertThat(stack.client().get(path, token("someone-else")).status()).isEqualTo(403);
    assertThat(stack.client().get(path, stack.jwks().token("analyst-1", "analyst")).status())
        .isEqualTo(403);
    assertThat(stack.client().get(path, stack.jwks().token("ds-1", "data_scientist")).status())
        .isEqualTo(403);
    assertThat(stack.client().get(path, stack.jwks().token("admin-1", "admin")).status())
        .isEqualTo(200);
    assertThat(stack.client().get(path, null).status()).isEqualTo(401);
  }

  @Test
  @SuppressWarnings("unchecked")
  void readinessHistoryComesFromGoldReadiness() {
    // when
    Map<String, Object> history =
        stack.awaitJson(
            "/readiness?from=" + today.minusDays(3) + "&to=" + today,
            token(WITH_PLAN),
            body -> ((List<?>) body.get("days")).size() == 2,
            GENEROUS);

    // then
    List<Map<String, Object>> days = (List<Map<String, Object>>) history.get("days");
    assertThat(days).extracting(d -> d.get("score")).containsExactly(71, 44);
    assertThat(days.get(0).get("contributors")).isEqualTo(List.of(Map.of("code", "sleep")));
  }

  private static ServingClient.Response awaitPlan(String user) {
    return awaitPlan(user, "");
  }

  private static ServingClient.Response awaitPlan(String user, String query) {
    AtomicReference<ServingClient.Response> last = new AtomicReference<>();
    try {
      return await()
          .atMost(GENEROUS)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                last.set(stack.client().get("/coaching/plan/" + user + query, token(user)));
                return last.get();
              },
              ServingClient.Response::ok);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("no plan for " + user + query + "; last: " + last.get(), e);
    }
  }
}
