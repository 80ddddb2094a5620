package org.vitalake.ingest.importer.fitabase;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.Sample;
import org.vitalake.core.sample.SampleFactory;

/** Maps Fitabase step totals (per day, per hour or per minute) to step samples over that period. */
final class FitabaseStepsMapper {

  Sample map(UserId user, ZonedDateTime start, Duration period, double steps, Instant now) {
    return SampleFactory.create(
        user,
        Metric.STEPS.code(),
        steps,
        "count",
        start.toInstant(),
        start.plus(period).toInstant(),
        start.getOffset(),
        FitabaseImporter.SOURCE,
        null,
        DeviceType.WATCH,
        now);
  }
}
