package org.vitalake.core.journal;

import java.util.Arrays;

/** What a journal entry records; each type has one {@link JournalContent} shape. */
public enum EntryType {
  MEAL("meal"),
  MOOD("mood"),
  ACTIVITY("activity"),
  SYMPTOM("symptom"),
  NOTE("note"),
  SLEEP_REPORT("sleep_report"),
  WELLNESS("wellness"),
  DRINK("drink");

  private final String code;

  EntryType(String code) {
    this.code = code;
  }

  /** The snake_case code stored in the lakehouse, e.g. {@code sleep_report}. */
  public String code() {
    return code;
  }

  /**
   * Parses a code ignoring case and separators ({@code meal}, {@code MEAL}, {@code sleepReport}).
   *
   * @throws InvalidJournalEntryException on field {@code entryType}, listing the valid codes
   */
  public static EntryType parse(String value) {
    if (value != null) {
      String normalized = ContentFields.normalize(value);
      for (EntryType type : values()) {
        if (type.code.equals(normalized)) {
          return type;
        }
      }
    }
    throw new InvalidJournalEntryException(
        "entryType",
        "unknown entry type '"
            + value
            + "'; valid types: "
            + String.join(", ", Arrays.stream(values()).map(EntryType::code).toList()));
  }
}
