package org.vitalake.core.sample;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.IncompatibleUnitException;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.metric.Unit;
import org.vitalake.core.metric.UnknownMetricException;
import org.vitalake.core.metric.UnknownUnitException;
import org.vitalake.core.metric.ValueOutOfRangeException;

/**
 * Builds a {@link Sample} from the raw fields a vendor or client sends: parses the metric and the
 * unit, converts the value to the canonical unit and rejects implausible timestamps, reporting
 * every problem as an {@link InvalidSampleException} that names the field.
 */
public final class SampleFactory {

  /** Wearables appeared long after this; earlier timestamps are unset clocks (epoch 0, 1980). */
  public static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");

  /** Device clocks drift and time zones get mixed up, but never by more than a day. */
  public static final Duration MAX_FUTURE = Duration.ofHours(24);

  private SampleFactory() {}

  /**
   * Creates a sample from raw vendor fields.
   *
   * @param userId whose body was measured
   * @param type the metric code or alias, e.g. {@code heart_rate}, {@code heartRate}, {@code hr}
   * @param value the value in {@code unit}
   * @param unit the unit as sent; {@code null} or blank means the metric's canonical unit
   * @param start when the reading was taken or the interval began
   * @param end when the interval ended, or {@code null} for an instantaneous reading
   * @param zoneOffset the device's offset, or {@code null}
   * @param source the app or vendor
   * @param device the device model, or {@code null}
   * @param deviceType the kind of device, or {@code null} for unknown
   * @param now the current time, bounding how far in the future a timestamp may be
   * @throws InvalidSampleException naming the field that is wrong
   */
  public static Sample create(
      UserId userId,
      String type,
      double value,
      String unit,
      Instant start,
      Instant end,
      ZoneOffset zoneOffset,
      String source,
      String device,
      DeviceType deviceType,
      Instant now) {
    Objects.requireNonNull(now, "now");
    Metric metric = parseMetric(type);
    Unit parsedUnit = parseUnit(metric, unit);
    if (!Double.isFinite(value)) {
      throw new InvalidSampleException("value", metric.code() + " value must be a finite number");
    }
    double canonical = metric.toCanonical(value, parsedUnit);
    if (!metric.isInRange(canonical)) {
      String message = new ValueOutOfRangeException(metric, canonical).getMessage();
      if (parsedUnit != metric.canonicalUnit()) {
        message += " (sent as " + value + " " + unit.strip() + ")";
      }
      throw new InvalidSampleException("value", message);
    }
    requirePlausible("start", start, now);
    if (end != null) {
      requirePlausible("end", end, now);
    }
    String unitAsSent = unit == null || unit.isBlank() ? null : unit;
    return new Sample(
        userId, metric, canonical, start, end, zoneOffset, source, device, deviceType, unitAsSent);
  }

  private static Metric parseMetric(String type) {
    try {
      return Metric.parse(type);
    } catch (UnknownMetricException e) {
      throw new InvalidSampleException("type", e.getMessage(), e);
    }
  }

  private static Unit parseUnit(Metric metric, String unit) {
    if (unit == null || unit.isBlank()) {
      return metric.canonicalUnit();
    }
    try {
      return metric.parseUnit(unit);
    } catch (UnknownUnitException | IncompatibleUnitException e) {
      throw new InvalidSampleException("unit", e.getMessage(), e);
    }
  }

  private static void requirePlausible(String field, Instant instant, Instant now) {
    if (instant == null) {
      if (field.equals("start")) {
        throw new InvalidSampleException("start", "start time is required");
      }
      return;
    }
    if (instant.isBefore(EARLIEST)) {
      throw new InvalidSampleException(
          field, field + " " + instant + " is before " + EARLIEST + "; the device clock was unset");
    }
    Instant latest = now.plus(MAX_FUTURE);
    if (instant.isAfter(latest)) {
      throw new InvalidSampleException(
          field,
          field
              + " "
              + instant
              + " is more than "
              + MAX_FUTURE.toHours()
              + " h in the future (now is "
              + now
              + ")");
    }
  }
}
