package org.vitalake.ingest.importer.fitabase;

import java.time.Instant;
import java.time.ZonedDateTime;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.Sample;
import org.vitalake.core.sample.SampleFactory;

/** Maps a Fitabase day's {@code TotalDistance} (kilometres) to a distance sample over the day. */
final class FitabaseDistanceMapper {

  Sample map(UserId user, ZonedDateTime day, double kilometres, Instant now) {
    return SampleFactory.create(
        user,
        Metric.DISTANCE.code(),
        FitabaseTimes.denoise(kilometres),
        "km",
        day.toInstant(),
        day.plusDays(1).toInstant(),
        day.getOffset(),
        FitabaseImporter.SOURCE,
        null,
        DeviceType.WATCH,
        now);
  }
}
