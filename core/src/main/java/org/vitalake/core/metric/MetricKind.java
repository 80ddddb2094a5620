package org.vitalake.core.metric;

/** How a metric's value relates to time, which decides whether a sample needs an end. */
public enum MetricKind {
  /** An instantaneous reading (heart rate, weight); the end is optional. */
  SAMPLE,
  /** An amount accumulated over {@code [start, end)} (steps, distance, energy); needs an end. */
  INTERVAL_TOTAL,
  /** A session with a start and an end (sleep stage, sleep, workout); needs an end. */
  SESSION;

  /** Whether samples of this kind must carry an end instant. */
  public boolean requiresEnd() {
    return this != SAMPLE;
  }
}
