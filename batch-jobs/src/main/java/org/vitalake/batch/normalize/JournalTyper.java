package org.vitalake.batch.normalize;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.vitalake.core.journal.EntryType;

/**
 * Bronze journal entries to the typed silver tables: {@code silver.meals}, {@code silver.moods},
 * {@code silver.activities} and {@code silver.wellness}.
 *
 * <p>Content is JSON text with the snake_case fields core stores ({@code calories}, {@code
 * protein_g}, {@code score}, {@code scores}, ...); the aliases core accepts on input are read too,
 * so rows written by older clients still type. A re-delivered entry (same {@code entry_id}) counts
 * once, and every entry is placed on the wearer's local day like a sample.
 */
public final class JournalTyper {

  public static final List<String> MEAL_COLUMNS =
      List.of(
          "user_id",
          "local_date",
          "entry_id",
          "occurred_at",
          "name",
          "energy_kcal",
          "protein_g",
          "carbs_g",
          "fat_g");

  public static final List<String> MOOD_COLUMNS =
      List.of("user_id", "local_date", "entry_id", "occurred_at", "score", "tags");

  public static final List<String> ACTIVITY_COLUMNS =
      List.of("user_id", "local_date", "entry_id", "occurred_at", "name", "minutes", "intensity");

  /** The self-reported scores {@code silver.wellness} keeps, as stored in the entry's scores. */
  public static final List<String> WELLNESS_SCORES =
      List.of("readiness", "fatigue", "mood", "stress", "sleep_quality", "soreness");

  public static final List<String> WELLNESS_COLUMNS =
      List.of(
          "user_id",
          "local_date",
          "readiness",
          "fatigue",
          "mood",
          "stress",
          "sleep_quality",
          "soreness",
          "source");

  private JournalTyper() {}

  /**
   * Removes re-delivered entries, places each on its local day and parses the content into a {@code
   * fields} map (values as text).
   *
   * @param entries rows of {@code bronze.journal_entries}
   * @param timeZones one row per user: {@code user_id}, {@code time_zone}
   */
  public static Dataset<Row> prepare(Dataset<Row> entries, Dataset<Row> timeZones) {
    Dataset<Row> zones = timeZones.select(col("user_id").as("z_user"), col("time_zone"));
    Dataset<Row> unique =
        entries
            .withColumn(
                "copy",
                row_number()
                    .over(
                        Window.partitionBy(col("user_id"), col("entry_id"))
                            .orderBy(col("received_at"), col("ingest_id"))))
            .where(col("copy").equalTo(1))
            .drop("copy");
    Column offset =
        LocalDay.effectiveOffsetSeconds(
            col("occurred_at"), col("zone_offset_seconds"), col("time_zone"));
    return unique
        .join(zones, col("user_id").equalTo(zones.col("z_user")), "left")
        .withColumn("local_date", LocalDay.localDate(col("occurred_at"), offset))
        .withColumn("entry_type", lower(col("entry_type")))
        .withColumn(
            "fields",
            from_json(
                col("content"),
                DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType),
                Map.of("mode", "PERMISSIVE")))
        .drop("z_user", "time_zone");
  }

  /** Meal entries as rows of {@code silver.meals}. */
  public static Dataset<Row> meals(Dataset<Row> prepared) {
    return ofType(prepared, EntryType.MEAL)
        .select(
            col("user_id"),
            col("local_date"),
            col("entry_id"),
            col("occurred_at"),
            text("name", "meal", "description", "food").as("name"),
            number("calories", "energy_kcal", "kcal", "energy").as("energy_kcal"),
            number("protein_g", "protein", "proteins").as("protein_g"),
            number("carbs_g", "carbs", "carbohydrates", "carbohydrates_g").as("carbs_g"),
            number("fat_g", "fat", "fats").as("fat_g"));
  }

  /** Mood entries as rows of {@code silver.moods}; scores outside 1-5 are dropped. */
  public static Dataset<Row> moods(Dataset<Row> prepared) {
    Column score = round(number("score", "mood", "value", "rating")).cast("int");
    Column tags =
        from_json(
            coalesce(field("tags"), field("tag")),
            DataTypes.createArrayType(DataTypes.StringType),
            Map.of("mode", "PERMISSIVE"));
    return ofType(prepared, EntryType.MOOD)
        .select(
            col("user_id"),
            col("local_date"),
            col("entry_id"),
            col("occurred_at"),
            score.as("score"),
            tags.as("tags"))
        .where(col("score").between(1, 5));
  }

  /** Self-logged activities as rows of {@code silver.activities}. */
  public static Dataset<Row> activities(Dataset<Row> prepared) {
    return ofType(prepared, EntryType.ACTIVITY)
        .select(
            col("user_id"),
            col("local_date"),
            col("entry_id"),
            col("occurred_at"),
            text("name", "activity").as("name"),
            number("minutes", "duration", "duration_min", "duration_minutes").as("minutes"),
            lower(text("intensity")).as("intensity"));
  }

  /**
   * Wellness self-reports as rows of {@code silver.wellness}: one row per user and day, each score
   * the mean of that day's reports.
   */
  public static Dataset<Row> wellness(Dataset<Row> prepared) {
    Column scores =
        from_json(
            field("scores"),
            DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType),
            Map.of("mode", "PERMISSIVE"));
    Dataset<Row> reports =
        ofType(prepared, EntryType.WELLNESS)
            .withColumn("scores", coalesce(scores, col("fields")))
            .withColumn("report_source", coalesce(field("source"), lit("journal")));
    Column[] aggregates = new Column[WELLNESS_SCORES.size() + 1];
    for (int i = 0; i < WELLNESS_SCORES.size(); i++) {
      String name = WELLNESS_SCORES.get(i);
      aggregates[i] = avg(col("scores").getItem(name).try_cast("double")).as(name);
    }
    aggregates[WELLNESS_SCORES.size()] = min(col("report_source")).as("source");
    return reports
        .groupBy(col("user_id"), col("local_date"))
        .agg(aggregates[0], java.util.Arrays.copyOfRange(aggregates, 1, aggregates.length))
        .select(WELLNESS_COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new));
  }

  private static Dataset<Row> ofType(Dataset<Row> prepared, EntryType type) {
    return prepared.where(col("entry_type").equalTo(type.code()).and(col("fields").isNotNull()));
  }

  private static Column field(String name) {
    return col("fields").getItem(name);
  }

  private static Column text(String... names) {
    Column[] candidates = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      candidates[i] = field(names[i]);
    }
    return names.length == 1 ? candidates[0] : coalesce(candidates);
  }

  private static Column number(String... names) {
    Column[] candidates = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      candidates[i] = field(names[i]).try_cast("double");
    }
    Column value = names.length == 1 ? candidates[0] : coalesce(candidates);
    return when(value.isNaN(), lit(null).cast("double")).otherwise(value);
  }
}
