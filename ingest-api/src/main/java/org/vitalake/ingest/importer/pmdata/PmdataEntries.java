package org.vitalake.ingest.importer.pmdata;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.vitalake.core.id.EntryId;
import org.vitalake.core.id.UserId;
import org.vitalake.core.journal.EntryType;
import org.vitalake.core.journal.JournalContent;
import org.vitalake.core.journal.JournalEntry;

/**
 * Builds PMData journal entries with ids derived from what they say (user, file, natural key), so
 * importing the same file twice yields the same entry ids and nothing new downstream.
 */
final class PmdataEntries {

  private PmdataEntries() {}

  static JournalEntry create(
      UserId user,
      String kind,
      String naturalKey,
      Instant occurredAt,
      ZoneId zone,
      JournalContent content) {
    String name = "pmdata|" + user.value() + "|" + kind + "|" + naturalKey;
    EntryId id =
        EntryId.of(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());
    EntryType type = content.type();
    return new JournalEntry(
        id, user, type, occurredAt, zone.getRules().getOffset(occurredAt), content);
  }
}
