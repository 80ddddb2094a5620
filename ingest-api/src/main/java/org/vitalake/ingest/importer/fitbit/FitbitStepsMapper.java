package org.vitalake.ingest.importer.fitbit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.Sample;

/** Maps Fitbit step counts (per minute intraday, or per day) to step samples over the period. */
final class FitbitStepsMapper {

  Sample map(ZonedDateTime start, Duration period, double steps, UserId user, Instant now) {
    return FitbitSamples.create(
        user,
        Metric.STEPS.code(),
        steps,
        "count",
        start,
        start.plus(period),
        DeviceType.WATCH,
        now);
  }
}
