package org.vitalake.core.journal;

import java.time.Instant;
import java.time.ZoneOffset;
import org.vitalake.core.id.EntryId;
import org.vitalake.core.id.UserId;

/**
 * Something a user wrote down about their day: a meal, a mood, a symptom, ...
 *
 * @param entryId identifies the entry, so a retried request does not duplicate it
 * @param userId who wrote it
 * @param type what kind of entry it is; must match {@code content}
 * @param occurredAt when the meal, mood, ... happened (not when it was written down)
 * @param zoneOffset the user's offset at the time, or {@code null} when unknown
 * @param content what the entry says
 */
public record JournalEntry(
    EntryId entryId,
    UserId userId,
    EntryType type,
    Instant occurredAt,
    ZoneOffset zoneOffset,
    JournalContent content) {

  public JournalEntry {
    if (entryId == null) {
      throw new InvalidJournalEntryException("entryId", "entryId is required");
    }
    if (userId == null) {
      throw new InvalidJournalEntryException("userId", "userId is required");
    }
    if (type == null) {
      throw new InvalidJournalEntryException("entryType", "entryType is required");
    }
    if (occurredAt == null) {
      throw new InvalidJournalEntryException("occurredAt", "occurredAt is required");
    }
    if (content == null) {
      throw new InvalidJournalEntryException("content", "content is required");
    }
    if (content.type() != type) {
      throw new InvalidJournalEntryException(
          "content",
          "content of a " + content.type().code() + " entry cannot be stored as " + type.code());
    }
  }
}
