package org.vitalake.ingest.importer.fitbit;

import java.time.Instant;
import java.time.ZonedDateTime;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.Sample;

/** Maps a Fitbit intraday heart-rate reading to a heart-rate sample. */
final class FitbitHeartRateMapper {

  Sample map(ZonedDateTime at, double bpm, UserId user, Instant now) {
    return FitbitSamples.create(
        user, Metric.HEART_RATE.code(), bpm, "bpm", at, null, DeviceType.WATCH, now);
  }
}
