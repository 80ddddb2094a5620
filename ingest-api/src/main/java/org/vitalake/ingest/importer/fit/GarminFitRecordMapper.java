package org.vitalake.ingest.importer.fit;

import com.garmin.fit.RecordMesg;
import java.time.Instant;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.Sample;
import org.vitalake.core.sample.SampleFactory;
import org.vitalake.ingest.importer.RecordException;

/**
 * Maps FIT {@code record} messages (one per second or per "smart recording" point) to heart-rate,
 * speed, cadence and distance samples. FIT distance is cumulative: each record yields the distance
 * covered since the previous one, so the samples add up to the activity's distance.
 */
final class GarminFitRecordMapper {

  static final String SOURCE = "garmin";

  private Instant previousTime;
  private double previousDistance = Double.NaN;

  /** Forgets the previous record, before the next file. */
  void reset() {
    previousTime = null;
    previousDistance = Double.NaN;
  }

  Instant time(RecordMesg record) {
    if (record.getTimestamp() == null) {
      throw new RecordException("timestamp", "record has no timestamp");
    }
    return record.getTimestamp().getDate().toInstant();
  }

  Sample heartRate(
      RecordMesg record, Instant at, UserId user, GarminFitActivity activity, Instant now) {
    return create(user, Metric.HEART_RATE, record.getHeartRate(), "bpm", at, null, activity, now);
  }

  Sample speed(
      RecordMesg record, Instant at, UserId user, GarminFitActivity activity, Instant now) {
    Float speed = record.getEnhancedSpeed() != null ? record.getEnhancedSpeed() : record.getSpeed();
    return create(user, Metric.SPEED, speed, "m/s", at, null, activity, now);
  }

  /**
   * FIT stores cadence per revolution: pedal strokes on a bike, strides (two steps) on foot, so
   * running and walking cadence is doubled into steps per minute.
   */
  Sample cadence(
      RecordMesg record, Instant at, UserId user, GarminFitActivity activity, Instant now) {
    double cadence = record.getCadence();
    if (activity.running()) {
      Float fraction = record.getFractionalCadence();
      return create(
          user,
          Metric.CADENCE,
          2 * (cadence + (fraction == null ? 0 : fraction)),
          "steps/min",
          at,
          null,
          activity,
          now);
    }
    return create(user, Metric.CADENCE, cadence, "rpm", at, null, activity, now);
  }

  /** The distance since the previous record, or {@code null} when nothing was covered. */
  Sample distance(
      RecordMesg record, Instant at, UserId user, GarminFitActivity activity, Instant now) {
    double total = record.getDistance();
    Instant from = previousTime;
    double delta = total - previousDistance;
    previousTime = at;
    previousDistance = total;
    if (from == null || Double.isNaN(delta) || delta <= 0 || !at.isAfter(from)) {
      return null;
    }
    return create(user, Metric.DISTANCE, delta, "m", from, at, activity, now);
  }

  private static Sample create(
      UserId user,
      Metric metric,
      Number value,
      String unit,
      Instant start,
      Instant end,
      GarminFitActivity activity,
      Instant now) {
    return SampleFactory.create(
        user,
        metric.code(),
        value.doubleValue(),
        unit,
        start,
        end,
        activity.zoneOffset(),
        SOURCE,
        activity.device(),
        DeviceType.WATCH,
        now);
  }
}
