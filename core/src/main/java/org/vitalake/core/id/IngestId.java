package org.vitalake.core.id;

import java.util.UUID;

/**
 * Identifier of one ingest request: every row it produced carries it, so a batch can be traced and
 * replayed.
 *
 * @param value a UUID in canonical text form (stored lower-case)
 */
public record IngestId(String value) {

  public IngestId {
    value = Uuids.requireCanonical("ingestId", value);
  }

  /** Parses an id, rejecting anything but a canonical UUID with a message naming the value. */
  public static IngestId of(String value) {
    return new IngestId(value);
  }

  /** Creates a fresh random id. */
  public static IngestId random() {
    return new IngestId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
