package org.vitalake.ingest.importer.fitbit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.Sample;

/**
 * Maps PMData's per-minute {@code distance.json} to distance samples; its values are centimetres (a
 * minute of 6 steps reads 470).
 */
final class FitbitDistanceMapper {

  Sample map(ZonedDateTime start, Duration period, double centimetres, UserId user, Instant now) {
    return FitbitSamples.create(
        user,
        Metric.DISTANCE.code(),
        centimetres,
        "cm",
        start,
        start.plus(period),
        DeviceType.WATCH,
        now);
  }
}
