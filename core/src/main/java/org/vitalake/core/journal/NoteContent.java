package org.vitalake.core.journal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Free text.
 *
 * @param text the note, at most 10000 characters
 */
public record NoteContent(String text) implements JournalContent {

  /** Longest accepted note. */
  public static final int MAX_LENGTH = 10_000;

  public NoteContent {
    text = FieldRules.requiredText("text", text, MAX_LENGTH);
  }

  @Override
  public EntryType type() {
    return EntryType.NOTE;
  }

  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("text", text);
    return map;
  }
}
