package org.vitalake.ingest.importer.fitabase;

import java.time.Instant;
import java.time.ZonedDateTime;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.Sample;
import org.vitalake.core.sample.SampleFactory;

/**
 * Maps a {@code sleepDay} row to a sleep session. The export gives only the day and the totals, so
 * the session is placed from midnight of that day for {@code TotalTimeInBed} minutes: durations are
 * real, clock times are not (see Fitabase.md).
 */
final class FitabaseSleepMapper {

  Sample map(
      UserId user, ZonedDateTime day, double minutesAsleep, double minutesInBed, Instant now) {
    return SampleFactory.create(
        user,
        Metric.SLEEP_SESSION.code(),
        minutesAsleep,
        "min",
        day.toInstant(),
        day.toInstant().plusSeconds(Math.round(minutesInBed * 60)),
        day.getOffset(),
        FitabaseImporter.SOURCE,
        null,
        DeviceType.WATCH,
        now);
  }
}
