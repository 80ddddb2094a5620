package org.vitalake.ingest.importer.fitbit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.Sample;

/**
 * Maps a day's very plus moderately (Fitbit's "fairly") active minutes to one active-minutes sample
 * over that day; Fitbit keeps them in two files, which the importer adds up first.
 */
final class FitbitActiveMinutesMapper {

  Sample map(LocalDate date, double minutes, UserId user, ZoneId zone, Instant now) {
    ZonedDateTime start = date.atStartOfDay(zone);
    return FitbitSamples.create(
        user,
        Metric.ACTIVE_MINUTES.code(),
        minutes,
        "min",
        start,
        start.plusDays(1),
        DeviceType.WATCH,
        now);
  }
}
