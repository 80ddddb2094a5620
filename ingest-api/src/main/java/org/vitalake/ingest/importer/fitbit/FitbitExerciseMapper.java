package org.vitalake.ingest.importer.fitbit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.Sample;
import org.vitalake.ingest.importer.RecordException;

/**
 * Maps a Fitbit exercise log (PMData {@code exercise.json}, or an entry of the API's {@code
 * activities} list) to a workout: the interval is start plus {@code duration}, the value the active
 * duration (pauses excluded) in minutes.
 */
final class FitbitExerciseMapper {

  Sample map(JsonNode log, UserId user, ZoneId zone, Instant now) {
    ZonedDateTime start;
    if (log.has("startDate")) {
      start =
          FitbitTimes.parse(
              "startDate",
              FitbitSleepMapper.text(log, "startDate"),
              "startTime",
              FitbitSleepMapper.text(log, "startTime"),
              zone);
    } else {
      start = FitbitTimes.parse("startTime", FitbitSleepMapper.text(log, "startTime"), zone);
    }
    JsonNode duration = log.get("duration");
    if (duration == null || !duration.isNumber()) {
      throw new RecordException("duration", "duration (milliseconds) is missing or not a number");
    }
    JsonNode active = log.get("activeDuration");
    double activeMs = active != null && active.isNumber() ? active.asDouble() : duration.asDouble();
    return FitbitSamples.create(
        user,
        Metric.WORKOUT.code(),
        activeMs,
        "ms",
        start,
        start.plusNanos(duration.asLong() * 1_000_000L),
        DeviceType.WATCH,
        now);
  }
}
