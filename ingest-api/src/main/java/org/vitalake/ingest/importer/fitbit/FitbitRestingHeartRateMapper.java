package org.vitalake.ingest.importer.fitbit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.Sample;
import org.vitalake.ingest.importer.RecordException;

/**
 * Maps a day of Fitbit's resting heart rate ({@code {"dateTime", "value": {"value", "error"}}}) to
 * a sample over that day; a value of 0 is Fitbit's "no estimate" and yields nothing.
 */
final class FitbitRestingHeartRateMapper {

  Optional<Sample> map(JsonNode day, UserId user, ZoneId zone, Instant now) {
    ZonedDateTime date =
        FitbitTimes.parse("dateTime", FitbitSleepMapper.text(day, "dateTime"), zone);
    JsonNode value = day.path("value").path("value");
    if (!value.isNumber()) {
      throw new RecordException("value.value", "value.value is missing or not a number");
    }
    if (value.asDouble() == 0) {
      return Optional.empty();
    }
    ZonedDateTime start = date.toLocalDate().atStartOfDay(zone);
    return Optional.of(
        FitbitSamples.create(
            user,
            Metric.RESTING_HEART_RATE.code(),
            value.asDouble(),
            "bpm",
            start,
            start.plusDays(1),
            DeviceType.WATCH,
            now));
  }
}
