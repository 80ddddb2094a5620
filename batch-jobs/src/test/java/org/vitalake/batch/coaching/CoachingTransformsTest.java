package org.vitalake.batch.coaching;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.vitalake.batch.spark.SharedSparkSession;
import org.vitalake.batch.spark.TableSchemas;
import org.vitalake.core.daily.DailyMetrics;
import org.vitalake.core.id.UserId;
import org.vitalake.core.plan.CoachingPlan;
import org.vitalake.core.plan.PlanGenerator;
import org.vitalake.core.plan.PlanJson;
import org.vitalake.core.profile.Sex;
import org.vitalake.core.profile.UserProfile;
import org.vitalake.core.readiness.ReadinessCalculator;
import org.vitalake.core.readiness.ReadinessResult;
import org.vitalake.lakehouse.LakehouseTables;

@ExtendWith(SharedSparkSession.class)
class CoachingTransformsTest {

  private static final Instant DATA_AS_OF = Instant.parse("2025-05-01T03:00:00Z");
  private static final LocalDate FIRST = LocalDate.of(2025, 3, 1);
  private static final Instant PROFILE_TIME = Instant.parse("2025-01-01T00:00:00Z");

  @TempDir Path home;

  /** A day of plausible data whose numbers vary with the day, so baselines have a spread. */
  private static DailyMetrics day(String user, int n) {
    return new DailyMetrics(
        UserId.of(user),
        FIRST.plusDays(n),
        8_000L + 350L * (n % 5),
        40.0 + 3 * (n % 4),
        2_300.0,
        55.0 + (n % 3),
        48.0 + 2 * (n % 4),
        420.0 + 10 * (n % 6),
        0.88 + 0.01 * (n % 3),
        null,
        null,
        1_900.0 + 50 * (n % 2),
        90.0,
        null,
        0.9,
        List.of("watch"));
  }

  private static Row row(DailyMetrics m) {
    return RowFactory.create(
        m.userId().value(),
        Date.valueOf(m.localDate()),
        m.steps(),
        m.activeMinutes(),
        m.energyOutKcal(),
        m.restingHr(),
        m.hrvRmssdMs(),
        m.sleepMinutes(),
        m.sleepEfficiency(),
        m.deepSleepMinutes(),
        m.remSleepMinutes(),
        m.energyInKcal(),
        m.proteinG(),
        m.mood(),
        m.coverage(),
        m.sources(),
        Timestamp.from(DATA_AS_OF));
  }

  private Dataset<Row> perUser(
      SparkSession spark, List<DailyMetrics> history, List<Row> days, UserProfile profile) {
    Dataset<Row> daily =
        spark.createDataFrame(
            history.stream().map(CoachingTransformsTest::row).toList(),
            TableSchemas.sparkSchema(LakehouseTables.DAILY_METRICS));
    Dataset<Row> targets =
        spark.createDataFrame(
            days,
            new org.apache.spark.sql.types.StructType()
                .add("user_id", "string")
                .add("local_date", "date"));
    Dataset<Row> wellness =
        spark.createDataFrame(List.of(), TableSchemas.sparkSchema(LakehouseTables.WELLNESS));
    Dataset<Row> profiles =
        spark.createDataFrame(
            List.of(
                RowFactory.create(
                    profile.userId().value(),
                    profile.birthYear(),
                    profile.sex().code(),
                    profile.heightCm(),
                    profile.weightKg(),
                    profile.timeZone().getId(),
                    profile.goals(),
                    Timestamp.from(profile.updatedAt()))),
            TableSchemas.sparkSchema(LakehouseTables.USER_PROFILES));
    return CoachingInputs.perUser(targets, daily, wellness, profiles);
  }

  private CoachingModelSource rulesOnly() {
    // no registered versions: core's rules alone, and nothing is read from the folder
    return new CoachingModelSource(Map.of("VITALAKE_HOME", home.toString()), null, null);
  }

  @Test
  void leavesReadinessEmptyWithTheReasonBeforeSevenNightsAndScoresLaterDaysLikeCore(
      SparkSession spark) {
    // given a new user with 5 nights and a user with 30 days of data
    List<DailyMetrics> fresh = new ArrayList<>();
    for (int n = 0; n < 5; n++) {
      fresh.add(day("new-user", n));
    }
    List<DailyMetrics> regular = new ArrayList<>();
    for (int n = 0; n < 30; n++) {
      regular.add(day("regular-user", n));
    }
    List<DailyMetrics> all = new ArrayList<>(fresh);
    all.addAll(regular);
    LocalDate fifth = FIRST.plusDays(4);
    LocalDate last = FIRST.plusDays(29);
    Dataset<Row> users =
        perUser(
            spark,
            all,
            List.of(
                RowFactory.create("new-user", Date.valueOf(fifth)),
                RowFactory.create("regular-user", Date.valueOf(last))),
            profile("regular-user"));

    // when
    List<Row> rows =
        CoachingTransforms.readiness(users, rulesOnly(), DATA_AS_OF).collectAsList().stream()
            .sorted(Comparator.comparing(r -> r.getString(0)))
            .toList();

    // then
    assertThat(rows).hasSize(2);
    Row newUser = rows.get(0);
    ReadinessResult expectedNew =
        ReadinessCalculator.score(
            UserId.of("new-user"), fresh, fifth, ReadinessCalculator.DEFAULT_SLEEP_NEED_MINUTES);
    assertThat(newUser.getString(0)).isEqualTo("new-user");
    assertThat(newUser.isNullAt(newUser.fieldIndex("score"))).isTrue();
    assertThat(newUser.isNullAt(newUser.fieldIndex("band"))).isTrue();
    assertThat(newUser.getString(newUser.fieldIndex("reason")))
        .isEqualTo(expectedNew.reason())
        .contains("only 4 of the previous 60 nights", "at least 7");

    Row regularUser = rows.get(1);
    ReadinessResult expected =
        ReadinessCalculator.score(
            UserId.of("regular-user"),
            regular,
            last,
            ReadinessCalculator.DEFAULT_SLEEP_NEED_MINUTES);
    assertThat(expected.hasScore()).isTrue();
    assertThat(regularUser.getInt(regularUser.fieldIndex("score"))).isEqualTo(expected.score());
    assertThat(regularUser.getString(regularUser.fieldIndex("band")))
        .isEqualTo(expected.band().code());
    assertThat(regularUser.getTimestamp(regularUser.fieldIndex("computed_at")).toInstant())
        .isEqualTo(DATA_AS_OF);
    JsonNode contributors =
        json(regularUser.getString(regularUser.fieldIndex("contributors"))).get("contributors");
    List<String> codes = new ArrayList<>();
    contributors.forEach(c -> codes.add(c.get("code").asText()));
    assertThat(codes)
        .containsExactlyElementsOf(expected.contributors().stream().map(c -> c.code()).toList());
    assertThat(regularUser.isNullAt(regularUser.fieldIndex("anomaly_score"))).isTrue();
  }

  @Test
  void writesOnePlanPerUserDayThatReadsBackAsCoreBuiltIt(SparkSession spark) {
    // given a user with 20 days of data and a profile, planned for the last two days
    List<DailyMetrics> history = new ArrayList<>();
    for (int n = 0; n < 20; n++) {
      history.add(day("planned-user", n));
    }
    UserProfile profile = profile("planned-user");
    LocalDate last = FIRST.plusDays(19);
    LocalDate before = FIRST.plusDays(18);
    Dataset<Row> users =
        perUser(
            spark,
            history,
            List.of(
                RowFactory.create("planned-user", Date.valueOf(before)),
                RowFactory.create("planned-user", Date.valueOf(last))),
            profile);

    // when
    List<Row> rows =
        CoachingTransforms.plans(users, rulesOnly(), DATA_AS_OF, List.of(11L, 22L, 33L))
            .collectAsList()
            .stream()
            .sorted(Comparator.comparing(r -> r.getDate(1)))
            .toList();

    // then
    assertThat(rows).hasSize(2);
    for (Row row : rows) {
      LocalDate day = row.getDate(row.fieldIndex("plan_date")).toLocalDate();
      CoachingPlan plan = PlanJson.read(row.getString(row.fieldIndex("plan_json")));
      List<DailyMetrics> known = history.stream().filter(m -> !m.localDate().isAfter(day)).toList();
      CoachingPlan expected =
          PlanGenerator.generate(
              profile,
              known,
              ReadinessCalculator.score(
                  profile.userId(), known, day, ReadinessCalculator.DEFAULT_SLEEP_NEED_MINUTES),
              null,
              day,
              DATA_AS_OF,
              List.of());
      assertThat(plan).isEqualTo(expected);
      assertThat(plan.userId().value()).isEqualTo("planned-user");
      assertThat(plan.planDate()).isEqualTo(day);
      assertThat(plan.dailySummary().calorieGoal()).isPositive();
      assertThat(plan.dailySummary().stepsGoal()).isPositive();
      long steps =
          history.stream().filter(m -> m.localDate().equals(day)).findFirst().orElseThrow().steps();
      assertThat(plan.dailySummary().currentSteps()).isEqualTo(steps);
      assertThat(plan.recommendations())
          .isNotEmpty()
          .allSatisfy(
              r -> {
                assertThat(r.id()).matches("rec-[0-9]+");
                assertThat(r.type()).isNotBlank();
                assertThat(r.title()).isNotBlank();
                assertThat(r.message()).isNotBlank();
              });
      JsonNode seed = json(row.getString(row.fieldIndex("plan_json")));
      assertThat(seed.has("userId")).isTrue();
      assertThat(seed.has("updatedAt")).isTrue();
      assertThat(seed.get("dailySummary").fieldNames())
          .toIterable()
          .contains("calorieGoal", "currentIntake", "stepsGoal", "currentSteps");
      assertThat(row.getList(row.fieldIndex("input_snapshot_ids"))).containsExactly(11L, 22L, 33L);
      assertThat(row.getTimestamp(row.fieldIndex("created_at")).toInstant()).isEqualTo(DATA_AS_OF);
      assertThat(row.isNullAt(row.fieldIndex("model_id"))).isTrue();
    }
  }

  private static UserProfile profile(String user) {
    return new UserProfile(
        UserId.of(user),
        1990,
        Sex.FEMALE,
        168.0,
        61.0,
        ZoneId.of("Europe/Oslo"),
        List.of("sleep_better"),
        PROFILE_TIME);
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}
