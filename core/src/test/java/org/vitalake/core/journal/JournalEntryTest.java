package org.vitalake.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.EntryId;
import org.vitalake.core.id.UserId;

class JournalEntryTest {

  private static final Instant AT = Instant.parse("2024-03-10T12:30:00Z");

  @Test
  void acceptsContentOfItsOwnType() {
    // when
    JournalEntry entry =
        new JournalEntry(
            EntryId.random(),
            UserId.of("u1"),
            EntryType.NOTE,
            AT,
            ZoneOffset.ofHours(1),
            new NoteContent("hello"));

    // then
    assertThat(entry.content().type()).isEqualTo(entry.type());
  }

  @Test
  void rejectsContentOfAnotherType() {
    assertThatThrownBy(
            () ->
                new JournalEntry(
                    EntryId.random(),
                    UserId.of("u1"),
                    EntryType.MEAL,
                    AT,
                    null,
                    new NoteContent("hello")))
        .isInstanceOfSatisfying(
            InvalidJournalEntryException.class, e -> assertThat(e.field()).isEqualTo("content"))
        .hasMessage("content of a note entry cannot be stored as meal");
  }

  @Test
  void requiresWhenItOccurred() {
    assertThatThrownBy(
            () ->
                new JournalEntry(
                    EntryId.random(),
                    UserId.of("u1"),
                    EntryType.NOTE,
                    null,
                    null,
                    new NoteContent("hello")))
        .isInstanceOfSatisfying(
            InvalidJournalEntryException.class, e -> assertThat(e.field()).isEqualTo("occurredAt"));
  }
}
