package org.vitalake.core.journal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mood check-in.
 *
 * @param score 1 (very bad) to 5 (very good)
 * @param tags free words describing it, e.g. {@code calm}, {@code anxious}; at most 20 of at most
 *     50 characters; {@code null} means none
 */
public record MoodContent(int score, List<String> tags) implements JournalContent {

  public MoodContent {
    FieldRules.range("score", score, 1, 5);
    tags = tags == null ? List.of() : tags.stream().map(MoodContent::tag).distinct().toList();
    if (tags.size() > 20) {
      throw new InvalidJournalEntryException(
          "tags", "tags has " + tags.size() + " entries; at most 20 allowed");
    }
  }

  @Override
  public EntryType type() {
    return EntryType.MOOD;
  }

  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("score", score);
    map.put("tags", tags);
    return map;
  }

  private static String tag(String tag) {
    if (tag == null || tag.isBlank()) {
      throw new InvalidJournalEntryException("tags", "tags must not contain blank entries");
    }
    return FieldRules.requiredText("tags", tag, 50);
  }
}
