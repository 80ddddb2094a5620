package org.vitalake.batch.normalize;

import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;

/**
 * The declarative per-metric policy that decides which of several overlapping sources counts: one
 * {@link Rule} per metric, documented in {@code docs/pipeline.md}.
 *
 * <p>Sources are never added together: for interval totals (steps, distance, energy, active
 * minutes, floors) one series is chosen per local hour, for instantaneous readings duplicates on
 * the same instant are collapsed, and for sleep one device is chosen per night.
 */
public final class SourcePriority {

  /** How overlapping rows of one metric are resolved. */
  public enum Resolution {
    /**
     * Interval totals. Within one source and device, the finest series of each hour wins (minute
     * over hourly); daily totals are used only for a day with no finer row from any source; across
     * sources, the series with the best coverage of the hour wins, ties broken by device
     * preference, then source and device name.
     */
    BEST_COVERAGE_PER_HOUR,
    /**
     * Instantaneous readings: rows with the same metric and the same instant are one reading, kept
     * from the preferred device; readings at different instants are all kept.
     */
    DEDUPE_SAME_INSTANT,
    /**
     * Sessions (sleep): all rows are kept in silver.samples; the sleep builder merges nested and
     * repeated sessions per device and keeps one device per night, preferring staged data, then the
     * device preference, then the longest time in bed.
     */
    ONE_DEVICE_PER_NIGHT,
    /** Sessions other than sleep (workouts): identical start instants are one session. */
    DEDUPE_SAME_START
  }

  /** The policy for one metric. */
  public record Rule(String metric, Resolution resolution, List<DeviceType> devicePreference) {
    public Rule {
      if (devicePreference.isEmpty()) {
        throw new IllegalArgumentException("device preference of " + metric + " is empty");
      }
      devicePreference = List.copyOf(devicePreference);
    }
  }

  /** Wrist devices count steps best; a phone in a bag or on a desk misses steps. */
  static final List<DeviceType> ACTIVITY_PREFERENCE =
      List.of(
          DeviceType.WATCH,
          DeviceType.RING,
          DeviceType.CHEST_STRAP,
          DeviceType.PHONE,
          DeviceType.MANUAL,
          DeviceType.SCALE,
          DeviceType.UNKNOWN);

  /** An ECG strap measures heart rate best, then wrist and finger optical sensors. */
  static final List<DeviceType> CARDIAC_PREFERENCE =
      List.of(
          DeviceType.CHEST_STRAP,
          DeviceType.WATCH,
          DeviceType.RING,
          DeviceType.PHONE,
          DeviceType.SCALE,
          DeviceType.MANUAL,
          DeviceType.UNKNOWN);

  /** A ring is worn through the night more reliably than a watch; a phone only guesses. */
  static final List<DeviceType> SLEEP_PREFERENCE =
      List.of(
          DeviceType.RING,
          DeviceType.WATCH,
          DeviceType.CHEST_STRAP,
          DeviceType.PHONE,
          DeviceType.MANUAL,
          DeviceType.SCALE,
          DeviceType.UNKNOWN);

  /** A scale measures body composition; manual entries come next. */
  static final List<DeviceType> BODY_PREFERENCE =
      List.of(
          DeviceType.SCALE,
          DeviceType.MANUAL,
          DeviceType.WATCH,
          DeviceType.RING,
          DeviceType.PHONE,
          DeviceType.CHEST_STRAP,
          DeviceType.UNKNOWN);

  /** The policy of every metric core knows, keyed by metric code. */
  public static final Map<String, Rule> RULES =
      Arrays.stream(Metric.values())
          .map(SourcePriority::ruleFor)
          .collect(
              Collectors.toMap(
                  Rule::metric, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));

  private SourcePriority() {}

  /** The rule for {@code metric}. */
  public static Rule ruleFor(Metric metric) {
    return switch (metric) {
      case SLEEP_STAGE, SLEEP_SESSION ->
          new Rule(metric.code(), Resolution.ONE_DEVICE_PER_NIGHT, SLEEP_PREFERENCE);
      case HEART_RATE, RESTING_HEART_RATE, HRV_RMSSD, HRV_SDNN, SPO2, RESPIRATORY_RATE ->
          new Rule(metric.code(), Resolution.DEDUPE_SAME_INSTANT, CARDIAC_PREFERENCE);
      case WEIGHT, BODY_FAT ->
          new Rule(metric.code(), Resolution.DEDUPE_SAME_INSTANT, BODY_PREFERENCE);
      default ->
          switch (metric.kind()) {
            case INTERVAL_TOTAL ->
                new Rule(metric.code(), Resolution.BEST_COVERAGE_PER_HOUR, ACTIVITY_PREFERENCE);
            case SESSION ->
                new Rule(metric.code(), Resolution.DEDUPE_SAME_START, ACTIVITY_PREFERENCE);
            case SAMPLE ->
                new Rule(metric.code(), Resolution.DEDUPE_SAME_INSTANT, ACTIVITY_PREFERENCE);
          };
    };
  }

  /**
   * The policy as a small table to join on {@code metric}: {@code p_metric}, {@code resolution} and
   * {@code preference} (device type codes, most preferred first).
   */
  public static Dataset<Row> createTable(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (Rule rule : RULES.values()) {
      rows.add(
          RowFactory.create(
              rule.metric(),
              rule.resolution().name(),
              rule.devicePreference().stream().map(DeviceType::code).toList()));
    }
    StructType schema =
        new StructType()
            .add("p_metric", DataTypes.StringType, false)
            .add("resolution", DataTypes.StringType, false)
            .add("preference", DataTypes.createArrayType(DataTypes.StringType, false), false);
    return spark.createDataFrame(rows, schema);
  }

  /**
   * The rank of {@code deviceType} in the {@code preference} column of {@link #createTable}: 0 is
   * most preferred; a type missing from the list ranks last.
   */
  public static Column deviceRank(Column preference, Column deviceType) {
    Column position = array_position(preference, lower(deviceType));
    return when(position.equalTo(0), size(preference)).otherwise(position.minus(1)).cast("int");
  }

  /** The rank of {@code deviceType} (lower case) in {@code preference}; absent ranks last. */
  public static Column rankIn(List<DeviceType> preference, Column deviceType) {
    Column rank = null;
    for (int i = 0; i < preference.size(); i++) {
      Column condition = deviceType.equalTo(preference.get(i).code());
      rank = rank == null ? when(condition, lit(i)) : rank.when(condition, lit(i));
    }
    return rank.otherwise(lit(preference.size()));
  }

  /** Renders the policy as the Markdown table of {@code docs/pipeline.md}. */
  public static String describe() {
    StringBuilder out = new StringBuilder("| metric | resolution | device preference |\n");
    out.append("|---|---|---|\n");
    for (Rule rule : RULES.values()) {
      out.append("| ")
          .append(rule.metric())
          .append(" | ")
          .append(rule.resolution().name().toLowerCase(Locale.ROOT))
          .append(" | ")
          .append(
              rule.devicePreference().stream()
                  .map(DeviceType::code)
                  .collect(Collectors.joining(" > ")))
          .append(" |\n");
    }
    return out.toString();
  }
}
