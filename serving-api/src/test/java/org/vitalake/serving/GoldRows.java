package org.vitalake.serving;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.vitalake.core.daily.DailyMetrics;
import org.vitalake.core.id.UserId;
import org.vitalake.core.plan.CoachingPlan;
import org.vitalake.core.plan.PlanJson;
import org.vitalake.core.profile.Sex;
import org.vitalake.core.profile.UserProfile;
import org.vitalake.lakehouse.BronzeRecords;
import org.vitalake.lakehouse.LakehouseTables;

/** Gold and profile rows shaped as the nightly run and identity write them, for the tests. */
public final class GoldRows {

  private GoldRows() {}

  public static Record dailyMetrics(DailyMetrics d) {
    Record r = GenericRecord.create(LakehouseTables.DAILY_METRICS.schema());
    r.setField("user_id", d.userId().value());
    r.setField("local_date", d.localDate());
    r.setField("steps", d.steps());
    r.setField("active_minutes", d.activeMinutes());
    r.setField("energy_out_kcal", d.energyOutKcal());
    r.setField("resting_hr", d.restingHr());
    r.setField("hrv_rmssd_ms", d.hrvRmssdMs());
    r.setField("sleep_minutes", d.sleepMinutes());
    r.setField("sleep_efficiency", d.sleepEfficiency());
    r.setField("deep_sleep_minutes", d.deepSleepMinutes());
    r.setField("rem_sleep_minutes", d.remSleepMinutes());
    r.setField("energy_in_kcal", d.energyInKcal());
    r.setField("protein_g", d.proteinG());
    r.setField("mood", d.mood());
    r.setField("coverage", d.coverage());
    r.setField("sources", d.sources());
    r.setField("computed_at", BronzeRows.utc(Instant.now()));
    return r;
  }

  /** A plan row written with core's plan codec. */
  public static Record plan(
      CoachingPlan plan,
      String modelId,
      String modelVersion,
      List<Long> inputs,
      Instant createdAt) {
    Record r = GenericRecord.create(LakehouseTables.COACHING_PLANS.schema());
    r.setField("user_id", plan.userId().value());
    r.setField("plan_date", plan.planDate());
    r.setField("plan_json", PlanJson.write(plan));
    r.setField("model_id", modelId);
    r.setField("model_version", modelVersion);
    r.setField("input_snapshot_ids", inputs);
    r.setField("created_at", BronzeRows.utc(createdAt));
    return r;
  }

  public static Record readiness(
      String userId, LocalDate date, int score, String band, String contributorsJson) {
    Record r = GenericRecord.create(LakehouseTables.READINESS.schema());
    r.setField("user_id", userId);
    r.setField("local_date", date);
    r.setField("score", score);
    r.setField("band", band);
    r.setField("contributors", contributorsJson);
    r.setField("reason", null);
    r.setField("computed_at", BronzeRows.utc(Instant.now()));
    return r;
  }

  /** A profile row as identity writes it. */
  public static Record profile(String userId, String timeZone, Instant updatedAt) {
    return BronzeRecords.profile(
        new UserProfile(
            UserId.of(userId),
            1988,
            Sex.FEMALE,
            168.0,
            64.0,
            ZoneId.of(timeZone),
            List.of(),
            updatedAt));
  }
}
