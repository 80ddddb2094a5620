package org.vitalake.ingest.importer.fitbit;

import java.time.Instant;
import java.time.ZonedDateTime;
import org.vitalake.core.id.UserId;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.Sample;
import org.vitalake.core.sample.SampleFactory;

/** Creates samples with what every Fitbit sample shares: source, device type, offset. */
final class FitbitSamples {

  static final String SOURCE = "fitbit";

  private FitbitSamples() {}

  static Sample create(
      UserId user,
      String metric,
      double value,
      String unit,
      ZonedDateTime start,
      ZonedDateTime end,
      DeviceType deviceType,
      Instant now) {
    return SampleFactory.create(
        user,
        metric,
        value,
        unit,
        start.toInstant(),
        end == null ? null : end.toInstant(),
        start.getOffset(),
        SOURCE,
        null,
        deviceType,
        now);
  }
}
