package org.vitalake.ingest.importer.fitabase;

import java.time.Instant;
import java.time.ZonedDateTime;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.Sample;
import org.vitalake.core.sample.SampleFactory;

/** Maps a {@code heartrate_seconds} row (one reading every 5-15 s) to a heart-rate sample. */
final class FitabaseHeartRateMapper {

  Sample map(UserId user, ZonedDateTime at, double bpm, Instant now) {
    return SampleFactory.create(
        user,
        Metric.HEART_RATE.code(),
        bpm,
        "bpm",
        at.toInstant(),
        null,
        at.getOffset(),
        FitabaseImporter.SOURCE,
        null,
        DeviceType.WATCH,
        now);
  }
}
