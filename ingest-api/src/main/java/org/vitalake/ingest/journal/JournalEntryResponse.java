package org.vitalake.ingest.journal;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Answer of {@code POST /journal/entries} (201): the entry is committed to bronze.
 *
 * @param entryId the new entry's id
 * @param ingestId the request's ingest id, carried by the bronze row
 */
@Serdeable
public record JournalEntryResponse(String entryId, String ingestId) {}
