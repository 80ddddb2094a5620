package org.vitalake.ingest.importer.fitabase;

import java.time.Instant;
import java.time.ZonedDateTime;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.Sample;
import org.vitalake.core.sample.SampleFactory;

/**
 * Maps a {@code weightLogInfo} row to a weight sample (and, when {@code Fat} is filled in, a
 * body-fat sample); manual reports are marked as such, the rest came from a scale.
 */
final class FitabaseWeightMapper {

  Sample mapWeight(UserId user, ZonedDateTime at, double kilograms, boolean manual, Instant now) {
    return create(user, Metric.WEIGHT, FitabaseTimes.denoise(kilograms), "kg", at, manual, now);
  }

  Sample mapBodyFat(UserId user, ZonedDateTime at, double percent, boolean manual, Instant now) {
    return create(user, Metric.BODY_FAT, percent, "%", at, manual, now);
  }

  private static Sample create(
      UserId user,
      Metric metric,
      double value,
      String unit,
      ZonedDateTime at,
      boolean manual,
      Instant now) {
    return SampleFactory.create(
        user,
        metric.code(),
        value,
        unit,
        at.toInstant(),
        null,
        at.getOffset(),
        FitabaseImporter.SOURCE,
        null,
        manual ? DeviceType.MANUAL : DeviceType.SCALE,
        now);
  }
}
