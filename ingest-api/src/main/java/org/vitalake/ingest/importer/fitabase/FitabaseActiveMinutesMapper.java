package org.vitalake.ingest.importer.fitabase;

import java.time.Instant;
import java.time.ZonedDateTime;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.Sample;
import org.vitalake.core.sample.SampleFactory;

/**
 * Maps a Fitabase day's very and fairly active minutes (Fitbit's "active minutes", moderate to
 * vigorous) to one active-minutes sample over the day; lightly active minutes are not counted.
 */
final class FitabaseActiveMinutesMapper {

  Sample map(UserId user, ZonedDateTime day, double veryActive, double fairlyActive, Instant now) {
    return SampleFactory.create(
        user,
        Metric.ACTIVE_MINUTES.code(),
        veryActive + fairlyActive,
        "min",
        day.toInstant(),
        day.plusDays(1).toInstant(),
        day.getOffset(),
        FitabaseImporter.SOURCE,
        null,
        DeviceType.WATCH,
        now);
  }
}
