package org.vitalake.core.sample;

import java.time.Instant;
import java.util.Objects;
import org.vitalake.core.id.IngestId;

/**
 * A sample as the platform received it: the bronze row, with the ingest that delivered it.
 *
 * @param sample the validated sample
 * @param ingestId the ingest request that delivered it
 * @param receivedAt when the platform received it
 * @param rawRef where the raw payload is archived (object key), or {@code null}
 */
public record RecordedSample(Sample sample, IngestId ingestId, Instant receivedAt, String rawRef) {

  public RecordedSample {
    Objects.requireNonNull(sample, "sample");
    Objects.requireNonNull(ingestId, "ingestId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    rawRef = rawRef == null || rawRef.isBlank() ? null : rawRef;
  }
}
