package org.vitalake.core.metric;

import static org.vitalake.core.metric.Unit.BEATS_PER_MINUTE;
import static org.vitalake.core.metric.Unit.BREATHS_PER_MINUTE;
import static org.vitalake.core.metric.Unit.CENTIMETRE;
import static org.vitalake.core.metric.Unit.CODE;
import static org.vitalake.core.metric.Unit.COUNT;
import static org.vitalake.core.metric.Unit.COUNT_PER_MINUTE;
import static org.vitalake.core.metric.Unit.DEGREE_CELSIUS;
import static org.vitalake.core.metric.Unit.DEGREE_FAHRENHEIT;
import static org.vitalake.core.metric.Unit.FOOT;
import static org.vitalake.core.metric.Unit.FRACTION;
import static org.vitalake.core.metric.Unit.GRAM;
import static org.vitalake.core.metric.Unit.HOUR;
import static org.vitalake.core.metric.Unit.INCH;
import static org.vitalake.core.metric.Unit.KILOCALORIE;
import static org.vitalake.core.metric.Unit.KILOGRAM;
import static org.vitalake.core.metric.Unit.KILOJOULE;
import static org.vitalake.core.metric.Unit.KILOMETRE;
import static org.vitalake.core.metric.Unit.KILOMETRE_PER_HOUR;
import static org.vitalake.core.metric.Unit.METRE;
import static org.vitalake.core.metric.Unit.METRE_PER_SECOND;
import static org.vitalake.core.metric.Unit.MILE;
import static org.vitalake.core.metric.Unit.MILE_PER_HOUR;
import static org.vitalake.core.metric.Unit.MILLISECOND;
import static org.vitalake.core.metric.Unit.MINUTE;
import static org.vitalake.core.metric.Unit.PERCENT;
import static org.vitalake.core.metric.Unit.POUND;
import static org.vitalake.core.metric.Unit.REVOLUTIONS_PER_MINUTE;
import static org.vitalake.core.metric.Unit.SECOND;
import static org.vitalake.core.metric.Unit.STEPS_PER_MINUTE;
import static org.vitalake.core.metric.Unit.STONE;
import static org.vitalake.core.metric.Unit.YARD;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A measure wearables report, with its canonical unit, the units it may be sent in and the range of
 * values a real body (and a real sensor) can produce.
 */
public enum Metric {
  HEART_RATE(
      "heart_rate",
      MetricKind.SAMPLE,
      ValueRange.of(20, 250),
      List.of(BEATS_PER_MINUTE, COUNT_PER_MINUTE),
      "hr",
      "heartrate",
      "pulse"),
  RESTING_HEART_RATE(
      "resting_heart_rate",
      MetricKind.SAMPLE,
      ValueRange.of(25, 150),
      List.of(BEATS_PER_MINUTE, COUNT_PER_MINUTE),
      "resting_hr",
      "rhr",
      "resting_heartrate"),
  /**
   * Heart-rate variability as rMSSD; plain {@code hrv} means this because it is what rings, straps
   * and most watches report (Apple reports SDNN, sent as {@code hrv_sdnn}).
   */
  HRV_RMSSD(
      "hrv_rmssd",
      MetricKind.SAMPLE,
      ValueRange.of(1, 300),
      List.of(MILLISECOND, SECOND),
      "rmssd",
      "hrv",
      "heart_rate_variability_rmssd"),
  HRV_SDNN(
      "hrv_sdnn",
      MetricKind.SAMPLE,
      ValueRange.of(1, 400),
      List.of(MILLISECOND, SECOND),
      "sdnn",
      "heart_rate_variability_sdnn"),
  STEPS(
      "steps",
      MetricKind.INTERVAL_TOTAL,
      ValueRange.of(0, 100_000),
      List.of(COUNT),
      "step_count",
      "step",
      "stepcount"),
  DISTANCE(
      "distance",
      MetricKind.INTERVAL_TOTAL,
      ValueRange.of(0, 500_000),
      List.of(METRE, CENTIMETRE, KILOMETRE, FOOT, INCH, YARD, MILE),
      "distance_walking_running",
      "total_distance"),
  ACTIVE_ENERGY(
      "active_energy",
      MetricKind.INTERVAL_TOTAL,
      ValueRange.of(0, 20_000),
      List.of(KILOCALORIE, KILOJOULE),
      "active_energy_burned",
      "active_calories",
      "calories_active"),
  BASAL_ENERGY(
      "basal_energy",
      MetricKind.INTERVAL_TOTAL,
      ValueRange.of(0, 20_000),
      List.of(KILOCALORIE, KILOJOULE),
      "basal_energy_burned",
      "resting_energy",
      "basal_calories",
      "calories_bmr",
      "bmr"),
  ACTIVE_MINUTES(
      "active_minutes",
      MetricKind.INTERVAL_TOTAL,
      ValueRange.of(0, 1440),
      List.of(MINUTE, SECOND, HOUR, MILLISECOND),
      "exercise_time",
      "apple_exercise_time",
      "active_time"),
  /** A sleep-stage interval; the value is a {@link SleepStage#code()}. */
  SLEEP_STAGE("sleep_stage", MetricKind.SESSION, ValueRange.of(0, 5), List.of(CODE), "stage"),
  /** A night's sleep: the value is minutes asleep, start/end the in-bed interval. */
  SLEEP_SESSION(
      "sleep_session",
      MetricKind.SESSION,
      ValueRange.of(0, 1440),
      List.of(MINUTE, SECOND, HOUR, MILLISECOND),
      "sleep",
      "sleep_minutes",
      "minutes_asleep",
      "time_asleep"),
  /** A workout: the value is its duration. */
  WORKOUT(
      "workout",
      MetricKind.SESSION,
      ValueRange.of(0, 1440),
      List.of(MINUTE, SECOND, HOUR, MILLISECOND),
      "exercise",
      "workout_session"),
  WEIGHT(
      "weight",
      MetricKind.SAMPLE,
      ValueRange.of(20, 400),
      List.of(KILOGRAM, GRAM, POUND, STONE),
      "body_mass",
      "body_weight"),
  BODY_FAT(
      "body_fat",
      MetricKind.SAMPLE,
      ValueRange.of(2, 75),
      List.of(PERCENT, FRACTION),
      "body_fat_percentage",
      "body_fat_percent",
      "fat_ratio"),
  SPO2(
      "spo2",
      MetricKind.SAMPLE,
      ValueRange.of(50, 100),
      List.of(PERCENT, FRACTION),
      "sp_o2",
      "oxygen_saturation",
      "blood_oxygen"),
  RESPIRATORY_RATE(
      "respiratory_rate",
      MetricKind.SAMPLE,
      ValueRange.of(4, 60),
      List.of(BREATHS_PER_MINUTE, COUNT_PER_MINUTE),
      "breathing_rate",
      "resp_rate"),
  /** Absolute skin temperature as a wrist or finger sensor measures it. */
  SKIN_TEMPERATURE(
      "skin_temperature",
      MetricKind.SAMPLE,
      ValueRange.of(25, 45),
      List.of(DEGREE_CELSIUS, DEGREE_FAHRENHEIT),
      "skin_temp",
      "wrist_temperature"),
  /**
   * Skin temperature relative to the wearer's baseline (what rings report nightly); a difference,
   * so degF converts by 5/9 without the 32 offset.
   */
  SKIN_TEMPERATURE_DEVIATION(
      "skin_temperature_deviation",
      MetricKind.SAMPLE,
      ValueRange.of(-10, 10),
      List.of(DEGREE_CELSIUS, DEGREE_FAHRENHEIT),
      true,
      "skin_temperature_delta",
      "temperature_deviation",
      "temperature_delta"),
  BODY_TEMPERATURE(
      "body_temperature",
      MetricKind.SAMPLE,
      ValueRange.of(30, 45),
      List.of(DEGREE_CELSIUS, DEGREE_FAHRENHEIT),
      "body_temp",
      "basal_body_temperature",
      "temperature"),
  FLOORS(
      "floors",
      MetricKind.INTERVAL_TOTAL,
      ValueRange.of(0, 1000),
      List.of(COUNT),
      "flights_climbed",
      "floors_climbed"),
  SPEED(
      "speed",
      MetricKind.SAMPLE,
      ValueRange.of(0, 50),
      List.of(METRE_PER_SECOND, KILOMETRE_PER_HOUR, MILE_PER_HOUR),
      "walking_speed",
      "running_speed"),
  /** Steps per minute when running or walking, pedal revolutions per minute when cycling. */
  CADENCE(
      "cadence",
      MetricKind.SAMPLE,
      ValueRange.of(0, 300),
      List.of(STEPS_PER_MINUTE, COUNT_PER_MINUTE, REVOLUTIONS_PER_MINUTE),
      "step_cadence",
      "running_cadence",
      "cycling_cadence");

  private static final Map<String, Metric> BY_NAME = new HashMap<>();

  // Each constant lists its canonical unit first, then the units vendors may send instead.

  static {
    for (Metric metric : values()) {
      register(metric.code, metric);
      for (String alias : metric.aliases) {
        register(alias, metric);
      }
    }
  }

  private final String code;
  private final MetricKind kind;
  private final ValueRange range;
  private final Unit canonicalUnit;
  private final Set<Unit> acceptedUnits;
  private final boolean difference;
  private final List<String> aliases;

  Metric(String code, MetricKind kind, ValueRange range, List<Unit> units, String... aliases) {
    this(code, kind, range, units, false, aliases);
  }

  Metric(
      String code,
      MetricKind kind,
      ValueRange range,
      List<Unit> units,
      boolean difference,
      String... aliases) {
    this.code = code;
    this.kind = kind;
    this.range = range;
    this.canonicalUnit = units.get(0);
    this.acceptedUnits = Collections.unmodifiableSet(EnumSet.copyOf(units));
    this.difference = difference;
    this.aliases = List.of(aliases);
  }

  /** The snake_case code stored in the lakehouse, e.g. {@code heart_rate}. */
  public String code() {
    return code;
  }

  /** How the value relates to time. */
  public MetricKind kind() {
    return kind;
  }

  /** The unit values are stored in. */
  public Unit canonicalUnit() {
    return canonicalUnit;
  }

  /** The physiological range in the canonical unit. */
  public ValueRange range() {
    return range;
  }

  /** Every unit this metric can be sent in, the canonical one included. */
  public Set<Unit> acceptedUnits() {
    return acceptedUnits;
  }

  /** The alternative names {@link #parse} accepts besides the code. */
  public List<String> aliases() {
    return aliases;
  }

  /** Whether a value in {@code unit} can be converted to this metric's canonical unit. */
  public boolean accepts(Unit unit) {
    return acceptedUnits.contains(unit);
  }

  /** Whether {@code canonicalValue} lies in the physiological range. */
  public boolean isInRange(double canonicalValue) {
    return range.contains(canonicalValue);
  }

  /**
   * Returns {@code canonicalValue} when it is in the physiological range.
   *
   * @throws ValueOutOfRangeException naming the metric, the value with its unit and the range
   */
  public double requireInRange(double canonicalValue) {
    if (!range.contains(canonicalValue)) {
      throw new ValueOutOfRangeException(this, canonicalValue);
    }
    return canonicalValue;
  }

  /**
   * Converts {@code value} sent in {@code unit} to the canonical unit.
   *
   * @throws IncompatibleUnitException when {@code unit} cannot express this metric
   */
  public double toCanonical(double value, Unit unit) {
    Objects.requireNonNull(unit, "unit");
    if (!accepts(unit)) {
      throw new IncompatibleUnitException(this, unit);
    }
    if (unit == canonicalUnit) {
      return value;
    }
    return canonicalUnit.fromBase(unit.toBase(value, difference), difference);
  }

  /**
   * Converts a canonical value to {@code unit}, e.g. for display in the wearer's units.
   *
   * @throws IncompatibleUnitException when {@code unit} cannot express this metric
   */
  public double fromCanonical(double canonicalValue, Unit unit) {
    Objects.requireNonNull(unit, "unit");
    if (!accepts(unit)) {
      throw new IncompatibleUnitException(this, unit);
    }
    if (unit == canonicalUnit) {
      return canonicalValue;
    }
    return unit.fromBase(canonicalUnit.toBase(canonicalValue, difference), difference);
  }

  /**
   * Parses a unit spelling sent for this metric.
   *
   * @throws UnknownUnitException naming the spelling and listing the spellings this metric accepts
   * @throws IncompatibleUnitException when the unit is known but cannot express this metric
   */
  public Unit parseUnit(String spelling) {
    Unit unit = Unit.find(spelling);
    if (unit == null) {
      List<String> accepted = new ArrayList<>();
      for (Unit candidate : acceptedUnits) {
        accepted.addAll(candidate.spellings());
      }
      throw new UnknownUnitException(spelling, this, accepted);
    }
    if (!accepts(unit)) {
      throw new IncompatibleUnitException(this, unit);
    }
    return unit;
  }

  /**
   * Parses a metric code or a common alias, ignoring case and separators: {@code heart_rate},
   * {@code heartRate}, {@code HeartRate}, {@code heart-rate}, {@code hr}, {@code step_count} ...
   *
   * @throws UnknownMetricException listing the valid codes
   */
  public static Metric parse(String code) {
    if (code == null) {
      throw new UnknownMetricException(null, Arrays.stream(values()).map(Metric::code).toList());
    }
    // canonical codes are by far the most common input: skip normalizing them (hot on import)
    Metric metric = BY_NAME.get(code);
    if (metric == null) {
      metric = BY_NAME.get(normalize(code));
    }
    if (metric == null) {
      throw new UnknownMetricException(code, Arrays.stream(values()).map(Metric::code).toList());
    }
    return metric;
  }

  static String normalize(String name) {
    String camel = NamePatterns.CAMEL_HUMP.matcher(name.trim()).replaceAll("$1_$2");
    return NamePatterns.SEPARATORS.matcher(camel).replaceAll("_").toLowerCase(Locale.ROOT);
  }

  /** Compiled once; a holder because the enum's static registration runs before its fields. */
  private static final class NamePatterns {
    static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");
    static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.]+");
  }

  private static void register(String name, Metric metric) {
    Metric previous = BY_NAME.put(normalize(name), metric);
    if (previous != null && previous != metric) {
      throw new IllegalStateException(
          "metric name '" + name + "' is claimed by both " + previous + " and " + metric);
    }
  }
}
