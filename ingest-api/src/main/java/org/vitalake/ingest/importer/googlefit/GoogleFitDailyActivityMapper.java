package org.vitalake.ingest.importer.googlefit;

import java.time.Instant;
import java.time.ZonedDateTime;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.Sample;
import org.vitalake.core.sample.SampleFactory;

/**
 * Maps one column of a Google Fit Takeout "Daily activity metrics" row (step count, distance, move
 * minutes, average weight) to a sample over that local day.
 */
final class GoogleFitDailyActivityMapper {

  static final String SOURCE = "google_fit";

  Sample map(
      UserId user, Metric metric, double value, String unit, ZonedDateTime day, Instant now) {
    return SampleFactory.create(
        user,
        metric.code(),
        value,
        unit,
        day.toInstant(),
        day.plusDays(1).toInstant(),
        day.getOffset(),
        SOURCE,
        null,
        metric == Metric.WEIGHT ? DeviceType.MANUAL : DeviceType.PHONE,
        now);
  }
}
