package org.vitalake.batch.coaching;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.vitalake.core.daily.DailyMetrics;
import org.vitalake.core.id.UserId;
import org.vitalake.core.plan.PlanJson;
import org.vitalake.core.profile.Sex;
import org.vitalake.core.profile.UserProfile;
import org.vitalake.core.readiness.AnomalyResult;
import org.vitalake.core.readiness.Contributor;
import org.vitalake.core.readiness.ModelRef;
import org.vitalake.core.readiness.ReadinessCalculator;
import org.vitalake.core.readiness.ReadinessResult;

/**
 * The coaching steps' Spark transforms: per-user rows of {@link CoachingInputs#perUser} in, table
 * rows out, with {@link UserCoaching} applied to each user on the executors. The models are loaded
 * there from {@link CoachingModelSource}, once per JVM.
 */
public final class CoachingTransforms {

  /** Rows of {@code gold.readiness} plus the day's anomaly judgement ({@code anomaly_*}). */
  public static final StructType READINESS_ROWS =
      new StructType()
          .add("user_id", DataTypes.StringType, false)
          .add("local_date", DataTypes.DateType, false)
          .add("score", DataTypes.IntegerType, true)
          .add("band", DataTypes.StringType, true)
          .add("contributors", DataTypes.StringType, true)
          .add("reason", DataTypes.StringType, true)
          .add("computed_at", DataTypes.TimestampType, false)
          .add("anomaly_score", DataTypes.DoubleType, true)
          .add("anomaly_flagged", DataTypes.BooleanType, true)
          .add("anomaly_model_id", DataTypes.StringType, true)
          .add("anomaly_details", DataTypes.StringType, true);

  /** Rows of {@code gold.coaching_plans}. */
  public static final StructType PLAN_ROWS =
      new StructType()
          .add("user_id", DataTypes.StringType, false)
          .add("plan_date", DataTypes.DateType, false)
          .add("plan_json", DataTypes.StringType, false)
          .add("model_id", DataTypes.StringType, true)
          .add("model_version", DataTypes.StringType, true)
          .add("input_snapshot_ids", DataTypes.createArrayType(DataTypes.LongType, false), false)
          .add("created_at", DataTypes.TimestampType, false);

  private static final ObjectMapper JSON = new ObjectMapper();

  private CoachingTransforms() {}

  /** Readiness and anomaly rows of every user-day to score; {@code computedAt} is the data time. */
  public static Dataset<Row> readiness(
      Dataset<Row> perUser, CoachingModelSource models, Instant computedAt) {
    Timestamp at = Timestamp.from(computedAt);
    return perUser.flatMap(
        (FlatMapFunction<Row, Row>)
            user -> {
              List<Row> out = new ArrayList<>();
              for (UserCoaching.Day d : coach(user, models, computedAt)) {
                out.add(readinessRow(d, at));
              }
              return out.iterator();
            },
        Encoders.row(READINESS_ROWS));
  }

  /**
   * Plan rows of every user-day to score.
   *
   * @param inputSnapshotIds the snapshots the run read (bronze tables), stored with each plan
   */
  public static Dataset<Row> plans(
      Dataset<Row> perUser,
      CoachingModelSource models,
      Instant createdAt,
      List<Long> inputSnapshotIds) {
    Timestamp at = Timestamp.from(createdAt);
    List<Long> snapshots = List.copyOf(inputSnapshotIds);
    return perUser.flatMap(
        (FlatMapFunction<Row, Row>)
            user -> {
              List<Row> out = new ArrayList<>();
              for (UserCoaching.Day d : coach(user, models, createdAt)) {
                ModelRef model = d.plan().models().isEmpty() ? null : d.plan().models().get(0);
                out.add(
                    RowFactory.create(
                        d.plan().userId().value(),
                        Date.valueOf(d.plan().planDate()),
                        PlanJson.write(d.plan()),
                        model == null ? null : model.id(),
                        model == null ? null : model.version(),
                        snapshots.toArray(Long[]::new),
                        at));
              }
              return out.iterator();
            },
        Encoders.row(PLAN_ROWS));
  }

  /** Decodes one per-user row and coaches its days. */
  static List<UserCoaching.Day> coach(Row user, CoachingModelSource models, Instant updatedAt) {
    UserId userId = UserId.of(user.getString(user.fieldIndex("user_id")));
    List<LocalDate> days = new ArrayList<>();
    for (Object d : user.getList(user.fieldIndex("days"))) {
      days.add(localDate(d));
    }
    List<DailyMetrics> history = new ArrayList<>();
    int h = user.fieldIndex("history");
    if (!user.isNullAt(h)) {
      for (Row m : user.<Row>getList(h)) {
        history.add(dailyMetrics(userId, m));
      }
    }
    NavigableMap<LocalDate, Double> reports = new TreeMap<>();
    int r = user.fieldIndex("reports");
    if (!user.isNullAt(r)) {
      for (Row report : user.<Row>getList(r)) {
        reports.put(localDate(report.get(0)), report.getDouble(1));
      }
    }
    int p = user.fieldIndex("profile");
    UserProfile profile = user.isNullAt(p) ? null : profile(userId, user.getStruct(p));
    CoachingModelSource.Models loaded = models.load();
    return new UserCoaching(loaded.readiness(), loaded.anomaly())
        .coach(userId, days, history, reports, profile, updatedAt);
  }

  static Row readinessRow(UserCoaching.Day d, Timestamp computedAt) {
    ReadinessResult r = d.readiness();
    AnomalyResult a = d.anomaly();
    return RowFactory.create(
        r.userId().value(),
        Date.valueOf(r.day()),
        r.score(),
        r.band() == null ? null : r.band().code(),
        contributorsJson(r),
        reason(r),
        computedAt,
        a == null ? null : a.score(),
        a == null ? null : a.anomalous(),
        a == null ? null : a.model().id(),
        a == null ? null : anomalyDetails(a));
  }

  /**
   * The contributors, the model that personalised the score and the baseline windows used, as JSON
   * (documented in {@code docs/readiness.md}).
   */
  static String contributorsJson(ReadinessResult r) {
    Map<String, Object> root = new LinkedHashMap<>();
    List<Object> parts = new ArrayList<>();
    for (Contributor c : r.contributors()) {
      Map<String, Object> part = new LinkedHashMap<>();
      part.put("code", c.code());
      part.put("value", c.value());
      part.put("baseline", c.baseline());
      part.put("unit", c.unit());
      part.put("subScore", c.subScore());
      part.put("weight", c.weight());
      part.put("effect", c.effect());
      part.put("message", c.message());
      parts.add(part);
    }
    root.put("contributors", parts);
    root.put("model", r.model() == null ? null : model(r.model()));
    Map<String, Object> windows = new LinkedHashMap<>();
    windows.put("baselineDays", ReadinessCalculator.BASELINE_DAYS);
    windows.put("hrvRollingDays", ReadinessCalculator.HRV_ROLLING_DAYS);
    windows.put("sleepDebtNights", ReadinessCalculator.SLEEP_DEBT_NIGHTS);
    windows.put("acuteLoadDays", ReadinessCalculator.ACUTE_DAYS);
    windows.put("chronicLoadDays", ReadinessCalculator.CHRONIC_DAYS);
    root.put("baselineWindows", windows);
    return json(root);
  }

  /** The stated reason without a score; with one, the score in words. */
  static String reason(ReadinessResult r) {
    if (!r.hasScore()) {
      return r.reason();
    }
    return String.format(
        Locale.ROOT,
        "Readiness %d/100 (%s) from %s%s",
        r.score(),
        r.band().code(),
        r.contributors().stream().map(Contributor::code).collect(Collectors.joining(", ")),
        r.model() == null ? "" : ", personalised by " + r.model());
  }

  static String anomalyDetails(AnomalyResult a) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("model", model(a.model()));
    root.put("signals", a.signals());
    return json(root);
  }

  static DailyMetrics dailyMetrics(UserId userId, Row m) {
    List<String> sources =
        m.isNullAt(m.fieldIndex("sources")) ? List.of() : m.getList(m.fieldIndex("sources"));
    return new DailyMetrics(
        userId,
        localDate(m.get(m.fieldIndex("local_date"))),
        m.isNullAt(m.fieldIndex("steps")) ? null : m.getLong(m.fieldIndex("steps")),
        doubleOrNull(m, "active_minutes"),
        doubleOrNull(m, "energy_out_kcal"),
        doubleOrNull(m, "resting_hr"),
        doubleOrNull(m, "hrv_rmssd_ms"),
        doubleOrNull(m, "sleep_minutes"),
        doubleOrNull(m, "sleep_efficiency"),
        doubleOrNull(m, "deep_sleep_minutes"),
        doubleOrNull(m, "rem_sleep_minutes"),
        doubleOrNull(m, "energy_in_kcal"),
        doubleOrNull(m, "protein_g"),
        doubleOrNull(m, "mood"),
        doubleOrNull(m, "coverage"),
        sources);
  }

  /**
   * The profile of a {@code bronze.user_profiles} struct; a snapshot core rejects (a birth year in
   * the future, say) counts as no profile, and the plan states the defaults it used instead.
   */
  static UserProfile profile(UserId userId, Row p) {
    try {
      int goals = p.fieldIndex("goals");
      int zone = p.fieldIndex("time_zone");
      int sex = p.fieldIndex("sex");
      int birthYear = p.fieldIndex("birth_year");
      return new UserProfile(
          userId,
          p.isNullAt(birthYear) ? null : p.getInt(birthYear),
          p.isNullAt(sex) ? null : Sex.parse(p.getString(sex)),
          doubleOrNull(p, "height_cm"),
          doubleOrNull(p, "weight_kg"),
          p.isNullAt(zone) ? null : ZoneId.of(p.getString(zone)),
          p.isNullAt(goals) ? List.of() : p.getList(goals),
          instant(p.get(p.fieldIndex("updated_at"))));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Map<String, Object> model(ModelRef ref) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ref.id());
    m.put("version", ref.version());
    return m;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write coaching JSON", e);
    }
  }

  private static Double doubleOrNull(Row row, String field) {
    int i = row.fieldIndex(field);
    return row.isNullAt(i) ? null : ((Number) row.get(i)).doubleValue();
  }

  private static LocalDate localDate(Object value) {
    if (value instanceof LocalDate d) {
      return d;
    }
    return ((Date) value).toLocalDate();
  }

  private static Instant instant(Object value) {
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC);
    }
    return ((Timestamp) value).toInstant();
  }
}
