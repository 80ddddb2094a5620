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
 * Maps a Fitbit body-weight log entry ({@code date}, {@code time}, {@code weight}) to a weight
 * sample in kilograms (the API's unit for the metric locale the export was requested in).
 */
final class FitbitWeightMapper {

  Sample map(JsonNode entry, UserId user, ZoneId zone, Instant now) {
    ZonedDateTime at =
        FitbitTimes.parse(
            "date",
            FitbitSleepMapper.text(entry, "date"),
            "time",
            FitbitSleepMapper.text(entry, "time"),
            zone);
    JsonNode weight = entry.get("weight");
    if (weight == null || !weight.isNumber()) {
      throw new RecordException("weight", "weight is missing or not a number");
    }
    return FitbitSamples.create(
        user, Metric.WEIGHT.code(), weight.asDouble(), "kg", at, null, DeviceType.SCALE, now);
  }
}
