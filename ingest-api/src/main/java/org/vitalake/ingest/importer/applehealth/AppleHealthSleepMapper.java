package org.vitalake.ingest.importer.applehealth;

import java.time.Instant;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.metric.SleepStage;
import org.vitalake.core.sample.Sample;
import org.vitalake.core.sample.SampleFactory;
import org.vitalake.ingest.importer.RecordException;

/**
 * Maps {@code HKCategoryTypeIdentifierSleepAnalysis} records (in bed, asleep, core, deep, REM,
 * awake) to sleep-stage samples.
 */
final class AppleHealthSleepMapper {

  static final String TYPE = "HKCategoryTypeIdentifierSleepAnalysis";

  private final AppleHealthSource sources = new AppleHealthSource();

  Sample map(AppleHealthRecord record, UserId user, Instant now) {
    SleepStage stage;
    try {
      stage = SleepStage.parse(record.value());
    } catch (IllegalArgumentException e) {
      throw new RecordException("value", e.getMessage());
    }
    AppleHealthSource.Origin origin =
        sources.origin(record.sourceName(), record.device(), record.userEntered());
    return SampleFactory.create(
        user,
        Metric.SLEEP_STAGE.code(),
        stage.code(),
        null,
        AppleHealthDates.parseInstant("startDate", record.startDate()),
        AppleHealthDates.parseInstant("endDate", record.endDate()),
        AppleHealthDates.parseOffset("startDate", record.startDate()),
        origin.source(),
        origin.device(),
        origin.deviceType(),
        now);
  }
}
