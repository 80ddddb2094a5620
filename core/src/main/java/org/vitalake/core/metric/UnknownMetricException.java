package org.vitalake.core.metric;

import java.util.List;

/** A metric name nobody knows, reported with the valid metric codes. */
public final class UnknownMetricException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String spelling;
  private final List<String> validCodes;

  /**
   * Creates the exception.
   *
   * @param spelling the metric name as sent
   * @param validCodes the canonical codes of every metric
   */
  public UnknownMetricException(String spelling, List<String> validCodes) {
    super("unknown metric '" + spelling + "'; valid metrics: " + String.join(", ", validCodes));
    this.spelling = spelling;
    this.validCodes = List.copyOf(validCodes);
  }

  /** The metric name as sent. */
  public String spelling() {
    return spelling;
  }

  /** The canonical codes of every metric. */
  public List<String> validCodes() {
    return validCodes;
  }
}
