package org.vitalake.core.journal;

import java.time.Instant;
import java.util.Objects;
import org.vitalake.core.id.IngestId;

/**
 * A journal entry as the platform received it: the bronze row, with the ingest that delivered it.
 *
 * @param entry the validated entry
 * @param ingestId the ingest request that delivered it
 * @param receivedAt when the platform received it
 * @param rawRef where the raw payload is archived (object key), or {@code null}
 */
public record RecordedJournalEntry(
    JournalEntry entry, IngestId ingestId, Instant receivedAt, String rawRef) {

  public RecordedJournalEntry {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(ingestId, "ingestId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    rawRef = rawRef == null || rawRef.isBlank() ? null : rawRef;
  }
}
