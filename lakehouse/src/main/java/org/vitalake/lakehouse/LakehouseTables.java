package org.vitalake.lakehouse;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

/**
 * Every bronze, silver and gold table: identifier, schema, partition spec and properties, in one
 * place.
 *
 * <p>Conventions: timestamps are UTC {@code timestamptz}; every row derived from a measurement
 * keeps the offset it was recorded in ({@code zone_offset_seconds}) and silver/gold rows carry the
 * user's {@code local_date}. Users appear only by their pseudonymous {@code user_id}: no table has
 * a name or an email column. Bronze tables are written by the Java appender, so their key columns
 * are required; silver and gold are written by Spark, whose columns are nullable, so all their
 * columns are optional and the jobs validate keys themselves. Silver and gold tables are
 * partitioned by day ({@code identity(local_date)}) so a nightly run overwrites exactly the days it
 * owns.
 *
 * <p>Field ids are written out: top-level fields are numbered first and list elements after them,
 * which is also the order Iceberg assigns when it creates a table, so a created table has exactly
 * these ids.
 */
public final class LakehouseTables {

  private LakehouseTables() {}

  public static final Namespace BRONZE = Namespace.of("bronze");
  public static final Namespace SILVER = Namespace.of("silver");
  public static final Namespace GOLD = Namespace.of("gold");

  /** Namespaces in creation order. */
  public static final List<Namespace> NAMESPACES = List.of(BRONZE, SILVER, GOLD);

  /**
   * Properties every table gets: format v2, zstd Parquet, and commit retries high enough for
   * several writer processes on one SQLite catalog.
   */
  public static final Map<String, String> TABLE_PROPERTIES =
      Map.of(
          TableProperties.FORMAT_VERSION, "2",
          TableProperties.DEFAULT_FILE_FORMAT, "parquet",
          TableProperties.PARQUET_COMPRESSION, "zstd",
          TableProperties.COMMIT_NUM_RETRIES, "20",
          TableProperties.COMMIT_MIN_RETRY_WAIT_MS, "50",
          // commits take milliseconds: a long exponential backoff only idles a contended writer
          TableProperties.COMMIT_MAX_RETRY_WAIT_MS, "2000",
          // frequent small commits (ingest group commits) would otherwise pile up metadata files
          TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "true",
          TableProperties.METADATA_PREVIOUS_VERSIONS_MAX, "100");

  // ---------------------------------------------------------------- bronze

  /** Wearable samples as received: one row per data point, value in the metric's canonical unit. */
  public static final TableDefinition WEARABLE_SAMPLES =
      table(
          BRONZE,
          "wearable_samples",
          "Wearable samples as received, value in the canonical unit of the metric",
          new Schema(
              required(1, "ingest_id", string(), "id of the ingest request that delivered the row"),
              required(2, "received_at", timestamptz(), "when the platform received it (UTC)"),
              required(3, "user_id", string(), "pseudonymous user id"),
              required(4, "source", string(), "app or vendor that sent it"),
              optional(5, "device", string(), "device model"),
              required(
                  6,
                  "device_type",
                  string(),
                  "watch, ring, phone, scale, chest_strap, manual or unknown"),
              required(7, "metric", string(), "metric code, e.g. heart_rate"),
              required(8, "value", Types.DoubleType.get(), "value in the canonical unit"),
              optional(9, "unit", string(), "unit as sent"),
              optional(10, "value_as_sent", Types.DoubleType.get(), "value in the unit as sent"),
              required(11, "start_time", timestamptz(), "measurement (start) instant, UTC"),
              optional(12, "end_time", timestamptz(), "end of an interval or session, UTC"),
              optional(
                  13, "zone_offset_seconds", Types.IntegerType.get(), "offset it was recorded in"),
              required(14, "sample_key", string(), "natural key used for dedupe"),
              optional(15, "raw_ref", string(), "s3:// reference of the raw payload")),
          schema -> PartitionSpec.builderFor(schema).day("received_at").build(),
          plainColumns(
              List.of("sample_key", "ingest_id", "raw_ref", "start_time", "end_time"),
              List.of(
                  "sample_key",
                  "raw_ref",
                  "ingest_id",
                  "source",
                  "device",
                  "device_type",
                  "unit")));

  /** Journal entries (meals, moods, activities, ...) as received, content as JSON text. */
  public static final TableDefinition JOURNAL_ENTRIES =
      table(
          BRONZE,
          "journal_entries",
          "Journal entries as received, content as JSON text",
          new Schema(
              required(1, "entry_id", string(), "entry id"),
              required(2, "ingest_id", string(), "id of the ingest request that delivered the row"),
              required(3, "user_id", string(), "pseudonymous user id"),
              required(4, "entry_type", string(), "meal, mood, activity, symptom, note, ..."),
              required(5, "occurred_at", timestamptz(), "when it happened (UTC)"),
              optional(
                  6, "zone_offset_seconds", Types.IntegerType.get(), "offset it was recorded in"),
              required(7, "content", string(), "content as JSON text, snake_case fields"),
              required(8, "received_at", timestamptz(), "when the platform received it (UTC)"),
              optional(9, "raw_ref", string(), "s3:// reference of the raw payload")),
          schema -> PartitionSpec.builderFor(schema).day("received_at").build());

  /** Profile snapshots (pseudonymous: no name, no email); the latest updated_at wins. */
  public static final TableDefinition USER_PROFILES =
      table(
          BRONZE,
          "user_profiles",
          "Pseudonymous profile snapshots, the latest updated_at per user wins",
          new Schema(
              required(1, "user_id", string(), "pseudonymous user id"),
              optional(2, "birth_year", Types.IntegerType.get(), "year of birth"),
              optional(3, "sex", string(), "female, male, other or unspecified"),
              optional(4, "height_cm", Types.DoubleType.get(), "height in cm"),
              optional(5, "weight_kg", Types.DoubleType.get(), "weight in kg"),
              optional(6, "time_zone", string(), "IANA time zone id"),
              optional(7, "goals", Types.ListType.ofRequired(9, string()), "goal codes"),
              required(8, "updated_at", timestamptz(), "when this snapshot was taken (UTC)")),
          LakehouseTables::unpartitioned);

  /**
   * Users' consent decisions as identity recorded them (its database is the record): a decision is
   * identified by user, purpose and version and may appear twice after a retried delivery; the
   * highest version per user and purpose is in effect ({@code org.vitalake.core.consent.Consents}).
   */
  public static final TableDefinition USER_CONSENTS =
      table(
          BRONZE,
          "user_consents",
          "Consent decisions per user and purpose, the highest version is in effect",
          new Schema(
              required(1, "user_id", string(), "pseudonymous user id"),
              required(2, "purpose", string(), "coaching or research"),
              required(3, "version", Types.IntegerType.get(), "1, then one more per change"),
              required(4, "granted", Types.BooleanType.get(), "whether the user agreed"),
              optional(5, "policy_version", string(), "policy text version the user saw"),
              required(6, "recorded_at", timestamptz(), "when identity recorded it (UTC)")),
          LakehouseTables::unpartitioned);

  /** Erasure requests the nightly run applies to every table holding the user's rows. */
  public static final TableDefinition ERASURE_REQUESTS =
      table(
          BRONZE,
          "erasure_requests",
          "Requests to erase a user's data, applied by the nightly run",
          new Schema(
              required(1, "user_id", string(), "pseudonymous user id to erase"),
              required(2, "requested_at", timestamptz(), "when it was requested (UTC)"),
              required(3, "request_id", string(), "request id")),
          LakehouseTables::unpartitioned);

  // ---------------------------------------------------------------- silver

  /** One row per distinct measurement after unit conversion, source priority and dedupe. */
  public static final TableDefinition SAMPLES =
      table(
          SILVER,
          "samples",
          "Distinct measurements after unit conversion, source priority and dedupe",
          new Schema(
              optional(1, "user_id", string(), "pseudonymous user id"),
              optional(2, "metric", string(), "metric code"),
              optional(3, "value", Types.DoubleType.get(), "value in the canonical unit"),
              optional(4, "start_time", timestamptz(), "measurement (start) instant, UTC"),
              optional(5, "end_time", timestamptz(), "end of an interval or session, UTC"),
              optional(6, "local_date", date(), "user's local day of start_time"),
              optional(
                  7, "zone_offset_seconds", Types.IntegerType.get(), "offset used for local_date"),
              optional(8, "source", string(), "app or vendor"),
              optional(9, "device", string(), "device model"),
              optional(10, "device_type", string(), "device type code"),
              optional(11, "sample_key", string(), "natural key"),
              optional(
                  12,
                  "quality_flags",
                  Types.ListType.ofRequired(13, string()),
                  "quality flag codes")),
          LakehouseTables::byLocalDate,
          plainColumns(List.of("sample_key", "start_time", "end_time"), List.of("sample_key")));

  /** One row per night; local_date is the wake-up day. */
  public static final TableDefinition SLEEP_SESSIONS =
      table(
          SILVER,
          "sleep_sessions",
          "Sleep sessions, one row per night, local_date = the wake-up day",
          new Schema(
              optional(1, "user_id", string(), "pseudonymous user id"),
              optional(2, "local_date", date(), "local day the user woke up"),
              optional(3, "start_time", timestamptz(), "in bed from, UTC"),
              optional(4, "end_time", timestamptz(), "in bed until, UTC"),
              optional(5, "minutes_in_bed", Types.DoubleType.get(), "minutes in bed"),
              optional(6, "minutes_asleep", Types.DoubleType.get(), "minutes asleep"),
              optional(7, "minutes_awake", Types.DoubleType.get(), "minutes awake in bed"),
              optional(8, "minutes_light", Types.DoubleType.get(), "minutes of light sleep"),
              optional(9, "minutes_deep", Types.DoubleType.get(), "minutes of deep sleep"),
              optional(10, "minutes_rem", Types.DoubleType.get(), "minutes of REM sleep"),
              optional(11, "efficiency", Types.DoubleType.get(), "minutes asleep / minutes in bed"),
              optional(12, "source", string(), "app or vendor")),
          LakehouseTables::byLocalDate);

  /** One row per workout session. */
  public static final TableDefinition WORKOUTS =
      table(
          SILVER,
          "workouts",
          "Workout sessions",
          new Schema(
              optional(1, "user_id", string(), "pseudonymous user id"),
              optional(2, "local_date", date(), "local day of start_time"),
              optional(3, "start_time", timestamptz(), "start, UTC"),
              optional(4, "end_time", timestamptz(), "end, UTC"),
              optional(5, "activity_type", string(), "e.g. running, cycling, strength"),
              optional(6, "duration_minutes", Types.DoubleType.get(), "duration in minutes"),
              optional(7, "energy_kcal", Types.DoubleType.get(), "active energy in kcal"),
              optional(8, "distance_m", Types.DoubleType.get(), "distance in metres"),
              optional(9, "avg_heart_rate", Types.DoubleType.get(), "average heart rate in bpm"),
              optional(10, "max_heart_rate", Types.DoubleType.get(), "maximum heart rate in bpm"),
              optional(11, "source", string(), "app or vendor"),
              optional(12, "device", string(), "device model")),
          LakehouseTables::byLocalDate);

  /** One row per logged meal. */
  public static final TableDefinition MEALS =
      table(
          SILVER,
          "meals",
          "Logged meals",
          new Schema(
              optional(1, "user_id", string(), "pseudonymous user id"),
              optional(2, "local_date", date(), "local day of occurred_at"),
              optional(3, "entry_id", string(), "journal entry id"),
              optional(4, "occurred_at", timestamptz(), "when it was eaten, UTC"),
              optional(5, "name", string(), "meal name as logged"),
              optional(6, "energy_kcal", Types.DoubleType.get(), "energy in kcal"),
              optional(7, "protein_g", Types.DoubleType.get(), "protein in g"),
              optional(8, "carbs_g", Types.DoubleType.get(), "carbohydrates in g"),
              optional(9, "fat_g", Types.DoubleType.get(), "fat in g")),
          LakehouseTables::byLocalDate);

  /** One row per mood entry (score 1-5). */
  public static final TableDefinition MOODS =
      table(
          SILVER,
          "moods",
          "Mood entries, score 1-5",
          new Schema(
              optional(1, "user_id", string(), "pseudonymous user id"),
              optional(2, "local_date", date(), "local day of occurred_at"),
              optional(3, "entry_id", string(), "journal entry id"),
              optional(4, "occurred_at", timestamptz(), "when it was logged, UTC"),
              optional(5, "score", Types.IntegerType.get(), "mood score 1-5"),
              optional(6, "tags", Types.ListType.ofRequired(7, string()), "mood tags")),
          LakehouseTables::byLocalDate);

  /** One row per self-logged activity. */
  public static final TableDefinition ACTIVITIES =
      table(
          SILVER,
          "activities",
          "Self-logged activities",
          new Schema(
              optional(1, "user_id", string(), "pseudonymous user id"),
              optional(2, "local_date", date(), "local day of occurred_at"),
              optional(3, "entry_id", string(), "journal entry id"),
              optional(4, "occurred_at", timestamptz(), "when it happened, UTC"),
              optional(5, "name", string(), "activity name as logged"),
              optional(6, "minutes", Types.DoubleType.get(), "duration in minutes"),
              optional(7, "intensity", string(), "intensity as logged")),
          LakehouseTables::byLocalDate);

  /** Self-reported wellness scores per user and day. */
  public static final TableDefinition WELLNESS =
      table(
          SILVER,
          "wellness",
          "Self-reported wellness scores per user and day",
          new Schema(
              optional(1, "user_id", string(), "pseudonymous user id"),
              optional(2, "local_date", date(), "local day"),
              optional(3, "readiness", Types.DoubleType.get(), "self-reported readiness"),
              optional(4, "fatigue", Types.DoubleType.get(), "self-reported fatigue"),
              optional(5, "mood", Types.DoubleType.get(), "self-reported mood"),
              optional(6, "stress", Types.DoubleType.get(), "self-reported stress"),
              optional(7, "sleep_quality", Types.DoubleType.get(), "self-reported sleep quality"),
              optional(8, "soreness", Types.DoubleType.get(), "self-reported soreness"),
              optional(9, "source", string(), "journal or the dataset it came from")),
          LakehouseTables::byLocalDate);

  // ---------------------------------------------------------------- gold

  /** One row per user and local day: the daily aggregates plans and reports are built from. */
  public static final TableDefinition DAILY_METRICS =
      table(
          GOLD,
          "daily_metrics",
          "Daily aggregates per user and local day",
          new Schema(
              optional(1, "user_id", string(), "pseudonymous user id"),
              optional(2, "local_date", date(), "local day"),
              optional(3, "steps", Types.LongType.get(), "steps"),
              optional(4, "active_minutes", Types.DoubleType.get(), "active minutes"),
              optional(5, "energy_out_kcal", Types.DoubleType.get(), "active energy burned, kcal"),
              optional(6, "resting_hr", Types.DoubleType.get(), "resting heart rate, bpm"),
              optional(7, "hrv_rmssd_ms", Types.DoubleType.get(), "nightly HRV RMSSD, ms"),
              optional(8, "sleep_minutes", Types.DoubleType.get(), "minutes asleep (night ending)"),
              optional(9, "sleep_efficiency", Types.DoubleType.get(), "asleep / in bed"),
              optional(10, "deep_sleep_minutes", Types.DoubleType.get(), "minutes of deep sleep"),
              optional(11, "rem_sleep_minutes", Types.DoubleType.get(), "minutes of REM sleep"),
              optional(12, "energy_in_kcal", Types.DoubleType.get(), "energy eaten, kcal"),
              optional(13, "protein_g", Types.DoubleType.get(), "protein eaten, g"),
              optional(14, "mood", Types.DoubleType.get(), "mean mood score"),
              optional(
                  15, "coverage", Types.DoubleType.get(), "fraction of the day with data, 0-1"),
              optional(16, "sources", Types.ListType.ofRequired(18, string()), "sources used"),
              optional(17, "computed_at", timestamptz(), "when the row was computed, UTC")),
          LakehouseTables::byLocalDate);

  /** Readiness score 0-100 per user and day, with its contributors. */
  public static final TableDefinition READINESS =
      table(
          GOLD,
          "readiness",
          "Readiness score 0-100 per user and day",
          new Schema(
              optional(1, "user_id", string(), "pseudonymous user id"),
              optional(2, "local_date", date(), "local day"),
              optional(3, "score", Types.IntegerType.get(), "readiness score 0-100"),
              optional(4, "band", string(), "score band, e.g. low, moderate, high"),
              optional(5, "contributors", string(), "contributors and baseline windows as JSON"),
              optional(6, "reason", string(), "one-sentence explanation"),
              optional(7, "computed_at", timestamptz(), "when the row was computed, UTC")),
          LakehouseTables::byLocalDate);

  /** The daily coaching plan per user, with the model and input snapshots it came from. */
  public static final TableDefinition COACHING_PLANS =
      table(
          GOLD,
          "coaching_plans",
          "Daily coaching plans with model and input provenance",
          new Schema(
              optional(1, "user_id", string(), "pseudonymous user id"),
              optional(2, "plan_date", date(), "local day the plan is for"),
              optional(3, "plan_json", string(), "the plan as JSON"),
              optional(4, "model_id", string(), "model id"),
              optional(5, "model_version", string(), "model version"),
              optional(
                  6,
                  "input_snapshot_ids",
                  Types.ListType.ofRequired(8, Types.LongType.get()),
                  "snapshot ids of the input tables"),
              optional(7, "created_at", timestamptz(), "when the plan was created, UTC")),
          schema -> PartitionSpec.builderFor(schema).identity("plan_date").build());

  /** Days a model flagged as unusual for a user. */
  public static final TableDefinition ANOMALIES =
      table(
          GOLD,
          "anomalies",
          "Per-user daily anomaly scores",
          new Schema(
              optional(1, "user_id", string(), "pseudonymous user id"),
              optional(2, "local_date", date(), "local day"),
              optional(3, "score", Types.DoubleType.get(), "anomaly score"),
              optional(4, "flagged", Types.BooleanType.get(), "whether the day is flagged"),
              optional(5, "model_id", string(), "model id"),
              optional(6, "details", string(), "details as JSON"),
              optional(7, "computed_at", timestamptz(), "when the row was computed, UTC")),
          LakehouseTables::byLocalDate);

  /**
   * Weekly means of the daily metrics per cohort (age band x sex) for analysts, over users whose
   * research consent is in effect; a cohort-week with fewer users than the run's threshold keeps
   * its row with every number null and {@code suppressed} true. No user id: aggregates only.
   */
  public static final TableDefinition COHORT_WEEKLY =
      table(
          GOLD,
          "cohort_weekly",
          "Weekly cohort means of daily metrics, small cohorts suppressed",
          new Schema(
              optional(1, "week_start", date(), "Monday of the local week"),
              optional(2, "age_band", string(), "week's year minus birth year, banded; or unknown"),
              optional(3, "sex", string(), "female, male, other or unspecified"),
              optional(
                  4, "users", Types.IntegerType.get(), "users in the cell; null if suppressed"),
              optional(5, "user_days", Types.IntegerType.get(), "user-days in the cell"),
              optional(6, "steps", Types.DoubleType.get(), "mean of the users' daily means"),
              optional(7, "active_minutes", Types.DoubleType.get(), "mean of users' means"),
              optional(8, "sleep_minutes", Types.DoubleType.get(), "mean of users' means"),
              optional(9, "resting_hr", Types.DoubleType.get(), "mean of users' means, bpm"),
              optional(10, "hrv_rmssd_ms", Types.DoubleType.get(), "mean of users' means, ms"),
              optional(11, "mood", Types.DoubleType.get(), "mean of users' means"),
              optional(12, "suppressed", Types.BooleanType.get(), "fewer users than min_users"),
              optional(13, "min_users", Types.IntegerType.get(), "suppression threshold applied"),
              optional(14, "computed_at", timestamptz(), "when the row was computed, UTC")),
          LakehouseTables::unpartitioned);

  /** Every table, bronze first. */
  public static final List<TableDefinition> ALL =
      List.of(
          WEARABLE_SAMPLES,
          JOURNAL_ENTRIES,
          USER_PROFILES,
          USER_CONSENTS,
          ERASURE_REQUESTS,
          SAMPLES,
          SLEEP_SESSIONS,
          WORKOUTS,
          MEALS,
          MOODS,
          ACTIVITIES,
          WELLNESS,
          DAILY_METRICS,
          READINESS,
          COACHING_PLANS,
          ANOMALIES,
          COHORT_WEEKLY);

  /** The definition of {@code id}, if it is one of the lakehouse tables. */
  public static Optional<TableDefinition> find(TableIdentifier id) {
    return ALL.stream().filter(t -> t.id().equals(id)).findFirst();
  }

  private static TableDefinition table(
      Namespace namespace,
      String name,
      String description,
      Schema schema,
      java.util.function.Function<Schema, PartitionSpec> spec) {
    return table(namespace, name, description, schema, spec, Map.of());
  }

  private static TableDefinition table(
      Namespace namespace,
      String name,
      String description,
      Schema schema,
      java.util.function.Function<Schema, PartitionSpec> spec,
      Map<String, String> extraProperties) {
    Map<String, String> properties = new java.util.HashMap<>(TABLE_PROPERTIES);
    properties.putAll(extraProperties);
    return new TableDefinition(
        TableIdentifier.of(namespace, name), schema, spec.apply(schema), properties, description);
  }

  /**
   * Parquet settings: no dictionary for columns whose values are (nearly) unique per row or repeat
   * only within one request, and no min/max statistics where they cannot prune. Dictionary encoding
   * such columns costs a hash and a comparison of every value and is then discarded or saves
   * nothing zstd does not. Min/max statistics never prune a file for random keys, nor for labels
   * that every file mixes (a group commit holds many sources, devices and units); the ingest id is
   * looked up within a second of its {@code received_at}, whose bounds prune. Comparing each value
   * with the running bounds cost 4 % of the ingest service's CPU under sync load and 11 % during an
   * import. Measured on bronze sample batches of 7,000 rows: a quarter less CPU to write, the same
   * file size (docs/benchmarks.md).
   */
  static Map<String, String> plainColumns(List<String> noDictionary, List<String> noStatistics) {
    Map<String, String> properties = new java.util.HashMap<>();
    noDictionary.forEach(
        c ->
            properties.put(
                TableProperties.PARQUET_DICT_ENCODING_ENABLED_COLUMN_PREFIX + c, "false"));
    noStatistics.forEach(
        c -> properties.put(TableProperties.PARQUET_COLUMN_STATS_ENABLED_PREFIX + c, "false"));
    return properties;
  }

  private static PartitionSpec unpartitioned(Schema schema) {
    return PartitionSpec.builderFor(schema).build();
  }

  private static PartitionSpec byLocalDate(Schema schema) {
    return PartitionSpec.builderFor(schema).identity("local_date").build();
  }

  private static NestedField required(int id, String name, Type type, String doc) {
    return NestedField.required(id, name, type, doc);
  }

  private static NestedField optional(int id, String name, Type type, String doc) {
    return NestedField.optional(id, name, type, doc);
  }

  private static Type string() {
    return Types.StringType.get();
  }

  private static Type timestamptz() {
    return Types.TimestampType.withZone();
  }

  private static Type date() {
    return Types.DateType.get();
  }
}
