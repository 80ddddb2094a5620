package org.vitalake.ingest.idempotency;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * What the raw bucket remembers about one Idempotency-Key, written before the request's commit: the
 * response the request will get once committed. Bronze decides whether it was committed.
 *
 * @param kind {@code sync} or {@code journal}
 * @param ingestId the ingest id of the request; its bronze rows carry it
 * @param receivedAt the {@code received_at} of its bronze rows
 * @param bodySha256 hash of the request body, to refuse a key reused with another body
 * @param response the response body as JSON
 */
@Serdeable
public record IdempotencyRecord(
    String kind, String ingestId, Instant receivedAt, String bodySha256, String response) {}
