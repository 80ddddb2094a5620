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
 * covered since the previous one (the first, since the activity's start), so the samples add up to
 * the last record's distance.
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

  /**
   * The distance since the previous record, over that interval, or {@code null} when nothing was
   * covered. The first record's distance counts from 0 m and from the activity's start. When that
   * start (or the previous record's time) is unknown or not before the record, as when a bike
   * computer writes its first record at the start with a few metres already on it, or two records
   * share a second, the sample is zero-length at the record's time: the metres are kept, so the
   * samples add up to the last record's distance.
   */
  Sample distance(
      RecordMesg record, Instant at, UserId user, GarminFitActivity activity, Instant now) {
    double total = record.getDistance();
    boolean first = previousTime == null;
    Instant since = first ? activity.start() : previousTime;
    double delta = total - (first ? 0 : previousDistance);
    previousTime = at;
    previousDistance = total;
    if (Double.isNaN(delta) || delta <= 0) {
      return null;
    }
    Instant from = since != null && since.isBefore(at) ? since : at;
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
