package org.vitalake.ingest.importer.pmdata;

import java.time.Instant;
import java.time.ZonedDateTime;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.InvalidSampleException;
import org.vitalake.core.sample.Sample;
import org.vitalake.core.sample.SampleFactory;
import org.vitalake.ingest.importer.RecordException;

/**
 * Maps the {@code weight} a participant typed into the evening form ({@code reporting.csv}, in
 * kilograms) to a manually reported weight sample.
 */
final class PmdataWeightMapper {

  /** The source recorded on the sample: the participant's own report in the PMData study. */
  static final String SOURCE = "pmdata";

  Sample map(UserId user, ZonedDateTime at, double kilograms, Instant now) {
    try {
      return SampleFactory.create(
          user,
          Metric.WEIGHT.code(),
          kilograms,
          "kg",
          at.toInstant(),
          null,
          at.getOffset(),
          SOURCE,
          null,
          DeviceType.MANUAL,
          now);
    } catch (InvalidSampleException e) {
      // the sample's fields are not the file's: the value came from the weight column
      throw new RecordException("weight", e.getMessage());
    }
  }
}
