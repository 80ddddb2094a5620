package org.vitalake.core.journal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An activity the user logged by hand (a wearable-recorded one arrives as a workout sample).
 *
 * @param name what was done, e.g. {@code yoga}
 * @param minutes how long, 0-1440
 * @param intensity {@code low}, {@code moderate} or {@code high} ({@code light}, {@code medium},
 *     {@code vigorous} and {@code hard} are accepted and stored as those three), or {@code null}
 */
public record ActivityContent(String name, Double minutes, String intensity)
    implements JournalContent {

  public ActivityContent {
    name = FieldRules.requiredText("name", name, 200);
    minutes = FieldRules.range("minutes", minutes, 0, 1440);
    intensity = intensity(intensity);
  }

  @Override
  public EntryType type() {
    return EntryType.ACTIVITY;
  }

  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", name);
    FieldRules.putIfPresent(map, "minutes", minutes);
    FieldRules.putIfPresent(map, "intensity", intensity);
    return map;
  }

  private static String intensity(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "low", "light", "easy" -> "low";
      case "moderate", "medium" -> "moderate";
      case "high", "vigorous", "hard" -> "high";
      default ->
          throw new InvalidJournalEntryException(
              "intensity", "intensity '" + value + "' is not one of low, moderate, high");
    };
  }
}
