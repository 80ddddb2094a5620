package org.vitalake.core.id;

import java.util.UUID;

/**
 * Identifier of one journal entry, chosen by the client or generated, so a retried request does not
 * create a second entry.
 *
 * @param value a UUID in canonical text form (stored lower-case)
 */
public record EntryId(String value) {

  public EntryId {
    value = Uuids.requireCanonical("entryId", value);
  }

  /** Parses an id, rejecting anything but a canonical UUID with a message naming the value. */
  public static EntryId of(String value) {
    return new EntryId(value);
  }

  /** Creates a fresh random id. */
  public static EntryId random() {
    return new EntryId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
