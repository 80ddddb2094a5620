package org.vitalake.core.metric;

/** A value outside the physiological range of its metric (or not a finite number at all). */
public final class ValueOutOfRangeException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final Metric metric;
  private final double value;

  /**
   * Creates the exception.
   *
   * @param metric the metric
   * @param value the offending value in the metric's canonical unit
   */
  public ValueOutOfRangeException(Metric metric, double value) {
    super(message(metric, value));
    this.metric = metric;
    this.value = value;
  }

  /** The metric whose range was violated. */
  public Metric metric() {
    return metric;
  }

  /** The offending value, in the metric's canonical unit. */
  public double value() {
    return value;
  }

  private static String message(Metric metric, double value) {
    String unit = metric.canonicalUnit().symbol();
    String range = metric.range().describe(metric.canonicalUnit());
    if (!Double.isFinite(value)) {
      return metric.code() + " " + value + " is not a finite number; allowed range " + range;
    }
    return metric.code()
        + " "
        + value
        + " "
        + unit
        + " is outside the physiological range "
        + range;
  }
}
