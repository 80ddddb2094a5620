package org.vitalake.core.journal;

/** A journal entry that cannot be accepted, naming the offending field so callers can report it. */
public final class InvalidJournalEntryException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * Creates the exception.
   *
   * @param field the offending field: {@code entryType}, {@code occurredAt}, {@code content}, or a
   *     content field by its canonical snake_case name such as {@code calories}
   * @param message what is wrong, naming the value and what is allowed
   */
  public InvalidJournalEntryException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The offending field. */
  public String field() {
    return field;
  }
}
