package org.vitalake.ingest.idempotency;

import java.time.Instant;
import org.vitalake.core.id.IngestId;

/** Answers whether the rows of an ingest request are committed to bronze. */
public interface IngestLedger {

  /**
   * True when bronze holds rows of {@code ingestId}.
   *
   * @param kind {@code sync} (wearable samples) or {@code journal} (journal entries)
   * @param receivedAt the rows' {@code received_at}, which narrows the scan to one partition
   */
  boolean isCommitted(String kind, IngestId ingestId, Instant receivedAt);
}
