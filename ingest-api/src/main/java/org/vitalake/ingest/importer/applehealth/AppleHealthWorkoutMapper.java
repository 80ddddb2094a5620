package org.vitalake.ingest.importer.applehealth;

import java.time.Duration;
import java.time.Instant;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.Sample;
import org.vitalake.core.sample.SampleFactory;

/**
 * Maps {@code Workout} elements to workout samples: the value is the duration Apple reports (the
 * time actually exercising, pauses excluded), the interval is start to end.
 */
final class AppleHealthWorkoutMapper {

  private final AppleHealthSource sources = new AppleHealthSource();

  Sample map(AppleHealthRecord record, UserId user, Instant now) {
    Instant start = AppleHealthDates.parseInstant("startDate", record.startDate());
    Instant end = AppleHealthDates.parseInstant("endDate", record.endDate());
    double value;
    String unit;
    if (record.value() == null || record.value().isBlank()) {
      // iOS 16+ exports may leave out duration; the interval is then the best we know
      value = Duration.between(start, end).toMillis() / 60_000.0;
      unit = "min";
    } else {
      value = AppleHealthQuantityMapper.parseValue(record.value());
      unit = record.unit() == null || record.unit().isBlank() ? "min" : record.unit();
    }
    AppleHealthSource.Origin origin =
        sources.origin(record.sourceName(), record.device(), record.userEntered());
    return SampleFactory.create(
        user,
        Metric.WORKOUT.code(),
        value,
        unit,
        start,
        end,
        AppleHealthDates.parseOffset("startDate", record.startDate()),
        origin.source(),
        origin.device(),
        origin.deviceType(),
        now);
  }
}
