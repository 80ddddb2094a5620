package org.vitalake.batch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.StepExecution;
import org.vitalake.batch.BatchProperties;
import org.vitalake.batch.coaching.CoachingStepConfiguration;
import org.vitalake.batch.fixture.BronzeRows;
import org.vitalake.batch.fixture.PipelineStack;
import org.vitalake.coaching.features.DayObservation;
import org.vitalake.coaching.pmdata.PmDataReader;
import org.vitalake.coaching.registry.ModelRegistry;
import org.vitalake.coaching.registry.ModelStorages;
import org.vitalake.coaching.registry.RegistryEntry;
import org.vitalake.core.consent.ConsentDecision;
import org.vitalake.core.consent.Purpose;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.lakehouse.consent.IcebergConsentStore;

/**
 * Consent decisions in {@code bronze.user_consents}, enforced by the whole {@code nightlyPipeline}
 * job over three PMData participants' resting heart rate and self-reported readiness: a withdrawal
 * of research keeps the user out of training, a withdrawal of coaching stops readiness and plans
 * from the day it was recorded until consent is granted again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsentPipelineIT {

  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

  /** Keeps coaching, withdraws it and grants it again. */
  private static final String REGRANTS = "p01";

  /** Withdraws coaching and keeps it withdrawn. */
  private static final String WITHDRAWS = "p02";

  /** Withdraws research only. */
  private static final String NO_RESEARCH = "p03";

  private static final List<String> USERS = List.of(REGRANTS, WITHDRAWS, NO_RESEARCH);

  private PipelineStack stack;
  private SparkSession spark;

  /** user -> days with a resting heart rate or a readiness report, from the PMData files. */
  private final Map<String, List<DayObservation>> pmdata = new TreeMap<>();

  private LocalDate withdrawnOn;
  private LocalDate regrantedOn;
  private LocalDate stoppedOn;

  @BeforeAll
  void writeBronzeAndConsents() throws Exception {
    stack =
        PipelineStack.start(
            "vitalake-consent-it",
            // every cohort cell shown, so the test can count who is in them
            Map.of(BatchProperties.ENV_COHORT_MIN_USERS, "1"),
            new PrintStream(System.out, true, StandardCharsets.UTF_8));
    spark = stack.spark();
    Path dir = Path.of(System.getProperty("vitalake.shared.data"), "pmdata");
    BronzeRows bronze = new BronzeRows();
    for (String user : USERS) {
      List<DayObservation> days = new PmDataReader().read(dir.resolve(user)).days();
      pmdata.put(user, days);
      bronze.profile(user, OSLO.getId(), Instant.parse("2019-10-01T00:00:00Z"));
      for (DayObservation day : days) {
        Instant morning = day.date().atTime(7, 0).atZone(OSLO).toInstant();
        ZoneOffset offset = OSLO.getRules().getOffset(morning);
        if (day.restingHr() != null) {
          bronze.sample(
              user,
              Metric.RESTING_HEART_RATE,
              day.restingHr(),
              morning,
              null,
              offset,
              "fitbit",
              "versa",
              DeviceType.WATCH);
        }
        if (day.selfReportedReadiness() != null) {
          bronze.entry(
              user + "-" + day.date(),
              user,
              "wellness",
              morning.plusSeconds(1800),
              offset,
              "{\"readiness\":" + day.selfReportedReadiness() + "}");
        }
      }
    }
    bronze.profiles(spark).writeTo("bronze.user_profiles").append();
    bronze.samples(spark).writeTo("bronze.wearable_samples").append();
    bronze.entries(spark).writeTo("bronze.journal_entries").append();

    // decisions at noon UTC a third and two thirds into the first user's days
    List<LocalDate> dates = pmdata.get(REGRANTS).stream().map(DayObservation::date).toList();
    withdrawnOn = dates.get(dates.size() / 3);
    regrantedOn = dates.get(2 * dates.size() / 3);
    List<LocalDate> others = pmdata.get(WITHDRAWS).stream().map(DayObservation::date).toList();
    stoppedOn = others.get(others.size() / 2);
    new IcebergConsentStore(stack.lakehouse().lakehouse())
        .append(
            List.of(
                decision(REGRANTS, Purpose.COACHING, 1, false, withdrawnOn),
                decision(REGRANTS, Purpose.COACHING, 2, true, regrantedOn),
                decision(REGRANTS, Purpose.RESEARCH, 1, true, withdrawnOn),
                decision(WITHDRAWS, Purpose.COACHING, 1, true, others.get(0)),
                decision(WITHDRAWS, Purpose.COACHING, 2, false, stoppedOn),
                decision(NO_RESEARCH, Purpose.RESEARCH, 1, false, withdrawnOn)));
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private static ConsentDecision decision(
      String user, Purpose purpose, int version, boolean granted, LocalDate day) {
    return new ConsentDecision(
        UserId.of(user),
        purpose,
        version,
        granted,
        "2019-10",
        day.atTime(12, 0).toInstant(ZoneOffset.UTC));
  }

  @Test
  @Order(1)
  void trainingLeavesOutTheUserWhoWithdrewResearch() throws Exception {
    // when
    JobExecution run = stack.context().getBean(PipelineCommand.class).run(false, null);

    // then
    assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    StepExecution training =
        run.getStepExecutions().stream()
            .filter(s -> s.getStepName().equals("trainModels"))
            .findFirst()
            .orElseThrow();
    assertThat(training.getExitStatus().getExitDescription()).contains("on 2 users");
    RegistryEntry readiness =
        registry().findCurrent(ModelRegistry.READINESS_MODEL_ID).orElseThrow();
    assertThat(readiness.metrics().get("n_users_test")).isEqualTo(2.0);
  }

  @Test
  @Order(2)
  void cohortReportsCountOnlyUsersWhoseResearchConsentIsInEffect() {
    // given: the weeks in which each user consenting to research has daily metrics
    Map<String, Long> expected = new TreeMap<>();
    for (org.apache.spark.sql.Row r :
        spark
            .sql(
                "SELECT date_sub(local_date, pmod(dayofweek(local_date) + 5, 7)) AS week,"
                    + " count(DISTINCT user_id) FROM gold.daily_metrics"
                    + " WHERE user_id IN ('"
                    + REGRANTS
                    + "', '"
                    + WITHDRAWS
                    + "') GROUP BY 1")
            .collectAsList()) {
      expected.put(r.getDate(0).toString(), r.getLong(1));
    }

    // when
    Map<String, Long> reported = new TreeMap<>();
    for (org.apache.spark.sql.Row r :
        spark
            .sql("SELECT week_start, sum(users) FROM gold.cohort_weekly GROUP BY week_start")
            .collectAsList()) {
      reported.put(r.getDate(0).toString(), r.getLong(1));
    }

    // then: the same weeks with the same number of users, so none of them is the third user
    assertThat(expected).hasSizeGreaterThan(10);
    assertThat(reported).isEqualTo(expected);
  }

  @Test
  @Order(3)
  void readinessAndPlansStopOnTheDaysCoachingWasWithdrawn() {
    // given: every user keeps the daily metrics of every day with a resting heart rate
    Set<String> metricDays = pairs("SELECT user_id, local_date FROM gold.daily_metrics");
    for (String user : USERS) {
      assertThat(metricDays)
          .as("daily metrics of %s", user)
          .containsAll(
              pmdata.get(user).stream()
                  .filter(d -> d.restingHr() != null)
                  .map(d -> user + "|" + d.date())
                  .toList());
    }

    // then: plans and readiness on exactly the days consent to coaching was in effect
    Set<String> expected =
        metricDays.stream()
            .filter(
                pair -> {
                  String user = pair.substring(0, pair.indexOf('|'));
                  LocalDate day = LocalDate.parse(pair.substring(pair.indexOf('|') + 1));
                  return switch (user) {
                    case REGRANTS -> day.isBefore(withdrawnOn) || !day.isBefore(regrantedOn);
                    case WITHDRAWS -> day.isBefore(stoppedOn);
                    default -> true;
                  };
                })
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(expected).hasSizeLessThan(metricDays.size() - 20);
    assertThat(pairs("SELECT user_id, plan_date FROM gold.coaching_plans")).isEqualTo(expected);
    assertThat(pairs("SELECT user_id, local_date FROM gold.readiness")).isEqualTo(expected);
  }

  @Test
  @Order(4)
  void aFullRunComputesTheSameDays() throws Exception {
    // given
    Set<String> plans = pairs("SELECT user_id, plan_date FROM gold.coaching_plans");

    // when
    JobExecution full = stack.context().getBean(PipelineCommand.class).run(true, null);

    // then
    assertThat(full.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(pairs("SELECT user_id, plan_date FROM gold.coaching_plans")).isEqualTo(plans);
  }

  private ModelRegistry registry() {
    return new ModelRegistry(
        ModelStorages.fromEnvironment(
            CoachingStepConfiguration.modelStorageEnv(
                stack.lakehouse().properties(), stack.batch())),
        Clock.systemUTC());
  }

  /** The (user, day) pairs a query returns, as {@code user|day}. */
  private Set<String> pairs(String query) {
    return spark.sql(query).collectAsList().stream()
        .map(r -> r.getString(0) + "|" + r.getDate(1))
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
