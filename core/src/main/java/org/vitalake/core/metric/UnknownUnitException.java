package org.vitalake.core.metric;

import java.util.List;

/** A unit spelling nobody knows, reported with the spellings that would have been accepted. */
public final class UnknownUnitException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String spelling;
  private final Metric metric;
  private final List<String> acceptedSpellings;

  /**
   * Creates the exception.
   *
   * @param spelling the unit as sent
   * @param metric the metric it was sent for, or {@code null} when parsed on its own
   * @param acceptedSpellings what would have been accepted
   */
  public UnknownUnitException(String spelling, Metric metric, List<String> acceptedSpellings) {
    super(
        "unknown unit '"
            + spelling
            + "'"
            + (metric == null ? "" : " for " + metric.code())
            + "; accepted spellings: "
            + String.join(", ", acceptedSpellings));
    this.spelling = spelling;
    this.metric = metric;
    this.acceptedSpellings = List.copyOf(acceptedSpellings);
  }

  /** The unit as sent. */
  public String spelling() {
    return spelling;
  }

  /** The metric the unit was sent for, or {@code null}. */
  public Metric metric() {
    return metric;
  }

  /** The spellings that would have been accepted. */
  public List<String> acceptedSpellings() {
    return acceptedSpellings;
  }
}
