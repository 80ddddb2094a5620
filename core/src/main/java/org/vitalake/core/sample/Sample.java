package org.vitalake.core.sample;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.metric.MetricKind;
import org.vitalake.core.metric.SleepStage;
import org.vitalake.core.metric.ValueOutOfRangeException;

/**
 * One measurement from a wearable, its value already in the metric's canonical unit.
 *
 * @param userId whose body was measured
 * @param metric what was measured
 * @param value the value in {@link Metric#canonicalUnit()}, inside the physiological range
 * @param start when the reading was taken, or when the interval or session began
 * @param end end of the interval or session (exclusive); required unless the metric is an
 *     instantaneous {@link MetricKind#SAMPLE}, never before {@code start}
 * @param zoneOffset the offset the device was in, or {@code null} when the vendor did not say
 * @param source the app or vendor that delivered the sample, e.g. {@code fitbit}
 * @param device the device model, or {@code null}
 * @param deviceType the kind of device; {@code null} becomes {@link DeviceType#UNKNOWN}
 * @param unitAsSent the unit spelling the vendor used, kept for lineage, or {@code null}
 */
public record Sample(
    UserId userId,
    Metric metric,
    double value,
    Instant start,
    Instant end,
    ZoneOffset zoneOffset,
    String source,
    String device,
    DeviceType deviceType,
    String unitAsSent) {

  /** Longest accepted source or device name. */
  public static final int MAX_NAME_LENGTH = 128;

  /**
   * Durations in minutes cannot exceed their interval; one minute of slack absorbs vendors that
   * round the duration up and the interval down.
   */
  private static final Set<Metric> DURATION_WITHIN_INTERVAL =
      Set.of(Metric.SLEEP_SESSION, Metric.WORKOUT, Metric.ACTIVE_MINUTES);

  private static final double DURATION_SLACK_MINUTES = 1.0;

  public Sample {
    if (userId == null) {
      throw new InvalidSampleException("userId", "userId must not be null");
    }
    if (metric == null) {
      throw new InvalidSampleException("type", "metric must not be null");
    }
    try {
      metric.requireInRange(value);
    } catch (ValueOutOfRangeException e) {
      throw new InvalidSampleException("value", e.getMessage(), e);
    }
    if (metric == Metric.SLEEP_STAGE && value != Math.rint(value)) {
      throw new InvalidSampleException(
          "value",
          "sleep_stage "
              + value
              + " is not a stage code; valid codes are whole numbers 0-"
              + (SleepStage.values().length - 1));
    }
    if (start == null) {
      throw new InvalidSampleException("start", metric.code() + " sample needs a start time");
    }
    if (end == null && metric.kind().requiresEnd()) {
      throw new InvalidSampleException(
          "end",
          metric.code()
              + (metric.kind() == MetricKind.SESSION
                  ? " is a session and needs an end time"
                  : " is an amount over an interval and needs an end time"));
    }
    if (end != null && end.isBefore(start)) {
      throw new InvalidSampleException(
          "end", metric.code() + " end " + end + " is before its start " + start);
    }
    if (end != null && DURATION_WITHIN_INTERVAL.contains(metric)) {
      double intervalMinutes = Duration.between(start, end).toMillis() / 60_000.0;
      if (value > intervalMinutes + DURATION_SLACK_MINUTES) {
        throw new InvalidSampleException(
            "value",
            metric.code()
                + " "
                + value
                + " min is longer than its interval "
                + start
                + " to "
                + end
                + " ("
                + intervalMinutes
                + " min)");
      }
    }
    if (source == null || source.isBlank()) {
      throw new InvalidSampleException("source", "source must name the app or vendor");
    }
    source = source.strip();
    if (source.length() > MAX_NAME_LENGTH) {
      throw new InvalidSampleException(
          "source",
          "source has " + source.length() + " characters; at most " + MAX_NAME_LENGTH + " allowed");
    }
    device = device == null || device.isBlank() ? null : device.strip();
    if (device != null && device.length() > MAX_NAME_LENGTH) {
      throw new InvalidSampleException(
          "device",
          "device has " + device.length() + " characters; at most " + MAX_NAME_LENGTH + " allowed");
    }
    deviceType = deviceType == null ? DeviceType.UNKNOWN : deviceType;
    unitAsSent = unitAsSent == null || unitAsSent.isBlank() ? null : unitAsSent.strip();
  }

  /**
   * The natural key used to drop duplicate deliveries: SHA-256 over user, metric, source, device,
   * start, end and canonical value, as the first 32 hex characters (spelled by {@link NaturalKey}).
   *
   * <p>The encoding is part of the stored data (bronze rows carry it): changing it splits every
   * existing duplicate group, so it must stay as it is.
   */
  public String sampleKey() {
    return NaturalKey.of(this);
  }

  /** {@link #sampleKey()} as the bytes of its text (ASCII, so also UTF-8), in a new array. */
  public byte[] sampleKeyAscii() {
    return NaturalKey.asciiOf(this);
  }

  /** The value as a sleep stage. */
  public SleepStage sleepStage() {
    if (metric != Metric.SLEEP_STAGE) {
      throw new IllegalStateException(metric.code() + " sample has no sleep stage");
    }
    return SleepStage.fromCode((int) value);
  }
}
