package org.vitalake.ingest.importer.fitbit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.metric.SleepStage;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.Sample;
import org.vitalake.ingest.importer.ImportSink;
import org.vitalake.ingest.importer.RecordException;

/**
 * Maps a Fitbit sleep log to a sleep session (minutes asleep over the in-bed interval) and one
 * sleep-stage sample per {@code levels.data} interval; {@code shortData} (short wakes laid over the
 * long stages) is left out so stages never overlap.
 */
final class FitbitSleepMapper {

  Sample mapSession(JsonNode log, UserId user, ZoneId zone, Instant now) {
    ZonedDateTime start = FitbitTimes.parse("startTime", text(log, "startTime"), zone);
    ZonedDateTime end = FitbitTimes.parse("endTime", text(log, "endTime"), zone);
    JsonNode asleep = log.get("minutesAsleep");
    if (asleep == null || !asleep.isNumber()) {
      throw new RecordException("minutesAsleep", "minutesAsleep is missing or not a number");
    }
    return FitbitSamples.create(
        user,
        Metric.SLEEP_SESSION.code(),
        asleep.asDouble(),
        "min",
        start,
        end,
        DeviceType.WATCH,
        now);
  }

  /** The stage intervals of the log, each rejected alone when it is bad. */
  void mapStages(
      JsonNode log,
      UserId user,
      ZoneId zone,
      Instant now,
      ImportSink sink,
      String file,
      long record) {
    JsonNode data = log.path("levels").path("data");
    for (int i = 0; i < data.size(); i++) {
      JsonNode stage = data.get(i);
      String field = "levels.data[" + i + "]";
      sink.attempt(
          file,
          record,
          field,
          () -> {
            ZonedDateTime start =
                FitbitTimes.parse(field + ".dateTime", text(stage, "dateTime"), zone);
            JsonNode seconds = stage.get("seconds");
            if (seconds == null || !seconds.isNumber()) {
              throw new RecordException(
                  field + ".seconds", field + ".seconds is missing or not a number");
            }
            SleepStage level;
            try {
              level = SleepStage.parse(text(stage, "level"));
            } catch (IllegalArgumentException e) {
              throw new RecordException(field + ".level", e.getMessage());
            }
            sink.accept(
                FitbitSamples.create(
                    user,
                    Metric.SLEEP_STAGE.code(),
                    level.code(),
                    null,
                    start,
                    start.plusSeconds(seconds.asLong()),
                    DeviceType.WATCH,
                    now));
          });
    }
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
