package org.vitalake.core.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vitalake.core.id.UserId;
import org.vitalake.core.readiness.AnomalyResult;
import org.vitalake.core.readiness.Contributor;
import org.vitalake.core.readiness.ModelRef;
import org.vitalake.core.readiness.ReadinessBand;
import org.vitalake.core.readiness.ReadinessResult;

/**
 * The plan's JSON form, stored in {@code gold.coaching_plans.plan_json} and served by {@code GET
 * /coaching/plan/{userId}}; a superset of the seed contract. Hand-written so core stays free of
 * frameworks; {@code read(write(plan))} equals {@code plan}.
 */
public final class PlanJson {

  private PlanJson() {}

  /** The plan as one line of JSON. */
  public static String write(CoachingPlan plan) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("userId", plan.userId().value());
    root.put("planDate", plan.planDate().toString());
    root.put("updatedAt", plan.updatedAt().toString());
    DailySummary s = plan.dailySummary();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("calorieGoal", s.calorieGoal());
    summary.put("currentIntake", s.currentIntake());
    summary.put("stepsGoal", s.stepsGoal());
    summary.put("currentSteps", s.currentSteps());
    root.put("dailySummary", summary);
    List<Object> recs = new ArrayList<>();
    for (Recommendation r : plan.recommendations()) {
      Map<String, Object> rec = new LinkedHashMap<>();
      rec.put("id", r.id());
      rec.put("type", r.type());
      rec.put("title", r.title());
      rec.put("message", r.message());
      rec.put("basis", r.basis());
      recs.add(rec);
    }
    root.put("recommendations", recs);
    root.put("readiness", readiness(plan.readiness()));
    root.put("sleepTargetMinutes", plan.sleepTargetMinutes());
    root.put("anomalyAlerts", new ArrayList<Object>(plan.anomalyAlerts()));
    root.put("anomaly", plan.anomaly() == null ? null : anomaly(plan.anomaly()));
    DataCoverage c = plan.dataCoverage();
    Map<String, Object> coverage = new LinkedHashMap<>();
    coverage.put("windowDays", c.windowDays());
    coverage.put("daysWithWearableData", c.daysWithWearableData());
    coverage.put("nightsWithSleep", c.nightsWithSleep());
    coverage.put("daysWithJournal", c.daysWithJournal());
    root.put("dataCoverage", coverage);
    List<Object> models = new ArrayList<>();
    plan.models().forEach(m -> models.add(model(m)));
    root.put("models", models);
    BasedOn b = plan.basedOn();
    Map<String, Object> basedOn = new LinkedHashMap<>();
    basedOn.put("historyFrom", b.historyFrom() == null ? null : b.historyFrom().toString());
    basedOn.put("historyTo", b.historyTo() == null ? null : b.historyTo().toString());
    basedOn.put("inputs", new ArrayList<Object>(b.inputs()));
    basedOn.put("defaultsUsed", new ArrayList<Object>(b.defaultsUsed()));
    root.put("basedOn", basedOn);
    root.put("starter", plan.starter());
    StringBuilder out = new StringBuilder(2048);
    JsonText.write(root, out);
    return out.toString();
  }

  /**
   * Reads a plan written by {@link #write}; derived fields ({@code anomalyAlerts}, {@code effect})
   * are recomputed.
   *
   * @throws PlanJsonException naming the missing or malformed field
   */
  public static CoachingPlan read(String json) {
    Object parsed = JsonText.parse(json);
    Fields root = new Fields(parsed, "plan");
    try {
      UserId userId = UserId.of(root.string("userId"));
      LocalDate planDate = root.date("planDate");
      Fields s = root.object("dailySummary");
      DailySummary summary =
          new DailySummary(
              s.integer("calorieGoal"),
              s.integer("currentIntake"),
              s.integer("stepsGoal"),
              s.longValue("currentSteps"));
      List<Recommendation> recs = new ArrayList<>();
      for (Fields r : root.objects("recommendations")) {
        recs.add(
            new Recommendation(
                r.string("id"),
                r.string("type"),
                r.string("title"),
                r.string("message"),
                r.string("basis")));
      }
      ReadinessResult readiness = readReadiness(root.object("readiness"), userId, planDate);
      AnomalyResult anomaly =
          root.isNull("anomaly") ? null : readAnomaly(root.object("anomaly"), userId, planDate);
      Fields c = root.object("dataCoverage");
      DataCoverage coverage =
          new DataCoverage(
              c.integer("windowDays"),
              c.integer("daysWithWearableData"),
              c.integer("nightsWithSleep"),
              c.integer("daysWithJournal"));
      List<ModelRef> models = new ArrayList<>();
      for (Fields m : root.objects("models")) {
        models.add(readModel(m));
      }
      Fields b = root.object("basedOn");
      BasedOn basedOn =
          new BasedOn(
              b.isNull("historyFrom") ? null : b.date("historyFrom"),
              b.isNull("historyTo") ? null : b.date("historyTo"),
              b.strings("inputs"),
              b.strings("defaultsUsed"));
      return new CoachingPlan(
          userId,
          planDate,
          root.instant("updatedAt"),
          summary,
          recs,
          readiness,
          root.integer("sleepTargetMinutes"),
          anomaly,
          coverage,
          models,
          basedOn,
          root.bool("starter"));
    } catch (PlanJsonException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new PlanJsonException("plan JSON holds an invalid value: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> readiness(ReadinessResult r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("score", r.score());
    out.put("band", r.band() == null ? null : r.band().code());
    out.put("reason", r.reason());
    out.put("model", r.model() == null ? null : model(r.model()));
    List<Object> contributors = new ArrayList<>();
    for (Contributor c : r.contributors()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("code", c.code());
      m.put("value", c.value());
      m.put("baseline", c.baseline());
      m.put("unit", c.unit());
      m.put("subScore", c.subScore());
      m.put("weight", c.weight());
      m.put("effect", c.effect());
      m.put("message", c.message());
      contributors.add(m);
    }
    out.put("contributors", contributors);
    return out;
  }

  private static ReadinessResult readReadiness(Fields f, UserId userId, LocalDate day) {
    List<Contributor> contributors = new ArrayList<>();
    for (Fields c : f.objects("contributors")) {
      contributors.add(
          new Contributor(
              c.string("code"),
              c.number("value"),
              c.isNull("baseline") ? null : c.number("baseline"),
              c.string("unit"),
              c.number("subScore"),
              c.number("weight"),
              c.string("message")));
    }
    return new ReadinessResult(
        userId,
        day,
        f.isNull("score") ? null : f.integer("score"),
        f.isNull("band") ? null : ReadinessBand.parse(f.string("band")),
        contributors,
        f.isNull("reason") ? null : f.string("reason"),
        f.isNull("model") ? null : readModel(f.object("model")));
  }

  private static Map<String, Object> anomaly(AnomalyResult a) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("anomalous", a.anomalous());
    out.put("score", a.score());
    out.put("signals", new ArrayList<Object>(a.signals()));
    out.put("model", model(a.model()));
    return out;
  }

  private static AnomalyResult readAnomaly(Fields f, UserId userId, LocalDate day) {
    return new AnomalyResult(
        userId,
        day,
        f.bool("anomalous"),
        f.number("score"),
        f.strings("signals"),
        readModel(f.object("model")));
  }

  private static Map<String, Object> model(ModelRef m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", m.id());
    out.put("version", m.version());
    return out;
  }

  private static ModelRef readModel(Fields f) {
    return new ModelRef(f.string("id"), f.string("version"));
  }

  /** Typed access to a parsed JSON object, with errors that name the field's path. */
  private static final class Fields {
    private final Map<?, ?> map;
    private final String path;

    Fields(Object value, String path) {
      if (!(value instanceof Map<?, ?> m)) {
        throw new PlanJsonException("plan JSON field '" + path + "' must be an object");
      }
      this.map = m;
      this.path = path;
    }

    private Object require(String name) {
      if (!map.containsKey(name)) {
        throw new PlanJsonException("plan JSON field '" + path + "." + name + "' is missing");
      }
      return map.get(name);
    }

    private PlanJsonException wrong(String name, String expected) {
      return new PlanJsonException(
          "plan JSON field '"
              + path
              + "."
              + name
              + "' must be "
              + expected
              + ", found "
              + map.get(name));
    }

    boolean isNull(String name) {
      return require(name) == null;
    }

    String string(String name) {
      if (require(name) instanceof String s) {
        return s;
      }
      throw wrong(name, "a string");
    }

    double number(String name) {
      if (require(name) instanceof Double d) {
        return d;
      }
      throw wrong(name, "a number");
    }

    long longValue(String name) {
      double d = number(name);
      if (d != Math.rint(d) || Math.abs(d) > 9.007199254740992E15) {
        throw wrong(name, "a whole number");
      }
      return (long) d;
    }

    int integer(String name) {
      long value = longValue(name);
      if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
        throw wrong(name, "a 32-bit whole number");
      }
      return (int) value;
    }

    boolean bool(String name) {
      if (require(name) instanceof Boolean b) {
        return b;
      }
      throw wrong(name, "true or false");
    }

    LocalDate date(String name) {
      try {
        return LocalDate.parse(string(name));
      } catch (DateTimeParseException e) {
        throw wrong(name, "a date like 2026-01-31");
      }
    }

    Instant instant(String name) {
      try {
        return Instant.parse(string(name));
      } catch (DateTimeParseException e) {
        throw wrong(name, "a UTC time like 2026-01-31T06:00:00Z");
      }
    }

    Fields object(String name) {
      return new Fields(require(name), path + "." + name);
    }

    List<Fields> objects(String name) {
      if (!(require(name) instanceof List<?> list)) {
        throw wrong(name, "an array");
      }
      List<Fields> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        out.add(new Fields(list.get(i), path + "." + name + "[" + i + "]"));
      }
      return out;
    }

    List<String> strings(String name) {
      if (!(require(name) instanceof List<?> list)) {
        throw wrong(name, "an array");
      }
      List<String> out = new ArrayList<>();
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw wrong(name, "an array of strings");
        }
        out.add(s);
      }
      return out;
    }
  }
}
