package org.vitalake.core.metric;

/**
 * A closed interval {@code [min, max]} of allowed values, in the canonical unit of a metric.
 *
 * @param min smallest allowed value, finite
 * @param max largest allowed value, finite and not below {@code min}
 */
public record ValueRange(double min, double max) {

  public ValueRange {
    if (!Double.isFinite(min) || !Double.isFinite(max)) {
      throw new IllegalArgumentException(
          "range bounds must be finite numbers, got " + min + "-" + max);
    }
    if (min > max) {
      throw new IllegalArgumentException(
          "range minimum " + min + " must not be above its maximum " + max);
    }
  }

  /** Creates the range {@code [min, max]}. */
  public static ValueRange of(double min, double max) {
    return new ValueRange(min, max);
  }

  /** Whether {@code value} lies within the bounds, both inclusive; NaN is never contained. */
  public boolean contains(double value) {
    return value >= min && value <= max;
  }

  /** Human-readable form for messages, e.g. {@code 20.0-250.0 bpm}. */
  public String describe(Unit unit) {
    return min + "-" + max + " " + unit.symbol();
  }
}
