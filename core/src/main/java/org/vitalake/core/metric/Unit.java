package org.vitalake.core.metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A unit of measure, canonical or as vendors send it, with its conversion to the base unit of its
 * {@link Dimension}.
 *
 * <p>Lower-case {@code cal} is refused on purpose: vendors use it both for the small calorie and
 * for the kilocalorie, and guessing wrong is a factor of 1000. {@code kcal}, {@code Cal} and {@code
 * kJ} are unambiguous.
 */
public enum Unit {
  COUNT("count", Dimension.COUNT, 1, "steps", "step", "floors", "flights", "counts"),
  CODE("code", Dimension.CODE, 1, "stage"),

  BEATS_PER_MINUTE("bpm", Dimension.FREQUENCY, 1, "beats/min", "beat/min", "beats per minute"),
  COUNT_PER_MINUTE("count/min", Dimension.FREQUENCY, 1, "1/min", "/min", "per min"),
  BREATHS_PER_MINUTE("breaths/min", Dimension.FREQUENCY, 1, "breath/min", "brpm"),
  STEPS_PER_MINUTE("steps/min", Dimension.FREQUENCY, 1, "step/min", "spm"),
  REVOLUTIONS_PER_MINUTE("rpm", Dimension.FREQUENCY, 1, "rev/min"),

  MILLISECOND("ms", Dimension.TIME, 0.001, "msec", "millisecond", "milliseconds"),
  SECOND("s", Dimension.TIME, 1, "sec", "secs", "second", "seconds"),
  MINUTE("min", Dimension.TIME, 60, "mins", "minute", "minutes"),
  HOUR("h", Dimension.TIME, 3600, "hr", "hrs", "hour", "hours"),

  METRE("m", Dimension.LENGTH, 1, "meter", "meters", "metre", "metres"),
  CENTIMETRE("cm", Dimension.LENGTH, 0.01, "centimeter", "centimeters", "centimetre"),
  KILOMETRE("km", Dimension.LENGTH, 1000, "kilometer", "kilometers", "kilometre", "kilometres"),
  FOOT("ft", Dimension.LENGTH, 0.3048, "foot", "feet"),
  INCH("in", Dimension.LENGTH, 0.0254, "inch", "inches"),
  YARD("yd", Dimension.LENGTH, 0.9144, "yard", "yards"),
  MILE("mi", Dimension.LENGTH, 1609.344, "mile", "miles"),

  KILOCALORIE("kcal", Dimension.ENERGY, 1, "Cal", "kilocalorie", "kilocalories"),
  KILOJOULE("kJ", Dimension.ENERGY, 1 / 4.184, "kilojoule", "kilojoules"),

  KILOGRAM("kg", Dimension.MASS, 1, "kgs", "kilogram", "kilograms"),
  GRAM("g", Dimension.MASS, 0.001, "gram", "grams"),
  POUND("lb", Dimension.MASS, 0.45359237, "lbs", "pound", "pounds"),
  STONE("st", Dimension.MASS, 14 * 0.45359237, "stone"),

  PERCENT("%", Dimension.RATIO, 1, "percent", "pct"),
  /** A ratio written as 0..1, as Apple Health exports SpO2 and body fat. */
  FRACTION("fraction", Dimension.RATIO, 100, "ratio"),

  DEGREE_CELSIUS("degC", Dimension.TEMPERATURE, 1, 0, "°C", "C", "celsius", "deg C"),
  DEGREE_FAHRENHEIT(
      "degF", Dimension.TEMPERATURE, 5.0 / 9.0, -32, "°F", "F", "fahrenheit", "deg F"),

  METRE_PER_SECOND("m/s", Dimension.SPEED, 1, "mps", "meters/second"),
  KILOMETRE_PER_HOUR("km/h", Dimension.SPEED, 1000.0 / 3600.0, "kph", "kmh", "km/hr"),
  MILE_PER_HOUR("mph", Dimension.SPEED, 1609.344 / 3600.0, "mi/h", "mi/hr");

  /** What a unit measures; units convert only within one dimension. */
  public enum Dimension {
    COUNT,
    CODE,
    FREQUENCY,
    TIME,
    LENGTH,
    ENERGY,
    MASS,
    RATIO,
    TEMPERATURE,
    SPEED
  }

  private static final Map<String, Unit> EXACT = new HashMap<>();
  private static final Map<String, Unit> IGNORING_CASE = new HashMap<>();
  private static final String AMBIGUOUS_CALORIE = "cal";

  static {
    for (Unit unit : values()) {
      for (String spelling : unit.spellings) {
        register(EXACT, normalize(spelling), unit);
        String folded = normalize(spelling).toLowerCase(Locale.ROOT);
        if (!folded.equals(AMBIGUOUS_CALORIE)) {
          register(IGNORING_CASE, folded, unit);
        }
      }
    }
  }

  private final String symbol;
  private final Dimension dimension;
  private final double factor;
  private final double offset;
  private final List<String> spellings;

  Unit(String symbol, Dimension dimension, double factor, String... aliases) {
    this(symbol, dimension, factor, 0, aliases);
  }

  Unit(String symbol, Dimension dimension, double factor, double offset, String... aliases) {
    this.symbol = symbol;
    this.dimension = dimension;
    this.factor = factor;
    this.offset = offset;
    List<String> all = new ArrayList<>();
    all.add(symbol);
    all.addAll(Arrays.asList(aliases));
    this.spellings = Collections.unmodifiableList(all);
  }

  /** The canonical spelling, e.g. {@code bpm} or {@code degC}. */
  public String symbol() {
    return symbol;
  }

  /** What this unit measures. */
  public Dimension dimension() {
    return dimension;
  }

  /** Every spelling {@link #parse} accepts for this unit, the symbol first. */
  public List<String> spellings() {
    return spellings;
  }

  /**
   * Parses a unit as vendors spell it ({@code count/min}, {@code beats/min}, {@code lb}, {@code
   * kJ}, {@code degF}, ...); matching is exact first, then case-insensitive.
   *
   * @throws UnknownUnitException naming the spelling and listing every accepted spelling
   */
  public static Unit parse(String spelling) {
    Unit unit = find(spelling);
    if (unit == null) {
      List<String> accepted = new ArrayList<>();
      for (Unit candidate : values()) {
        accepted.addAll(candidate.spellings);
      }
      throw new UnknownUnitException(spelling, null, accepted);
    }
    return unit;
  }

  /** Finds the unit for a spelling, or {@code null} when nothing matches. */
  static Unit find(String spelling) {
    if (spelling == null) {
      return null;
    }
    Unit exact = EXACT.get(spelling);
    if (exact != null) {
      return exact; // the common case, and hot on import: no normalizing needed
    }
    String normalized = normalize(spelling);
    exact = EXACT.get(normalized);
    if (exact != null) {
      return exact;
    }
    return IGNORING_CASE.get(normalized.toLowerCase(Locale.ROOT));
  }

  /** Converts a value in this unit to the base unit of its dimension. */
  double toBase(double value, boolean difference) {
    return difference ? value * factor : (value + offset) * factor;
  }

  /** Converts a value in the base unit of the dimension to this unit. */
  double fromBase(double value, boolean difference) {
    return difference ? value / factor : value / factor - offset;
  }

  private static String normalize(String spelling) {
    String slashes = SpellingPatterns.SPACED_SLASH.matcher(spelling.trim()).replaceAll("/");
    return SpellingPatterns.WHITESPACE.matcher(slashes).replaceAll(" ");
  }

  /** Compiled once; a holder because the enum's static registration runs before its fields. */
  private static final class SpellingPatterns {
    static final Pattern SPACED_SLASH = Pattern.compile("\\s*/\\s*");
    static final Pattern WHITESPACE = Pattern.compile("\\s+");
  }

  private static void register(Map<String, Unit> index, String spelling, Unit unit) {
    Unit previous = index.put(spelling, unit);
    if (previous != null && previous != unit) {
      throw new IllegalStateException(
          "unit spelling '" + spelling + "' is claimed by both " + previous + " and " + unit);
    }
  }
}
