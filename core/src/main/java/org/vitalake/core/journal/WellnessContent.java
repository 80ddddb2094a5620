package org.vitalake.core.journal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A self-reported wellness questionnaire (as athletes fill in each morning).
 *
 * @param scores at least one of {@code readiness} (0-10), {@code fatigue}, {@code stress}, {@code
 *     sleep_quality}, {@code soreness}, {@code mood} (each 1-5, higher means more of it) and {@code
 *     sleep_duration_h} (hours, 0-24)
 */
public record WellnessContent(Map<String, Double> scores) implements JournalContent {

  /** The accepted score names, in the order they are stored. */
  public static final List<String> SCORE_NAMES =
      List.of(
          "readiness",
          "fatigue",
          "stress",
          "sleep_quality",
          "soreness",
          "mood",
          "sleep_duration_h");

  public WellnessContent {
    if (scores == null || scores.isEmpty()) {
      throw new InvalidJournalEntryException(
          "scores", "wellness needs at least one score of " + String.join(", ", SCORE_NAMES));
    }
    for (String name : scores.keySet()) {
      if (!SCORE_NAMES.contains(name)) {
        throw new InvalidJournalEntryException(
            name,
            "unknown wellness score '"
                + name
                + "'; accepted scores: "
                + String.join(", ", SCORE_NAMES));
      }
    }
    Map<String, Double> ordered = new LinkedHashMap<>();
    for (String name : SCORE_NAMES) {
      Double value = scores.get(name);
      if (value != null) {
        ordered.put(name, checked(name, value));
      }
    }
    if (ordered.isEmpty()) {
      throw new InvalidJournalEntryException(
          "scores", "wellness needs at least one score of " + String.join(", ", SCORE_NAMES));
    }
    scores = Collections.unmodifiableMap(ordered);
  }

  @Override
  public EntryType type() {
    return EntryType.WELLNESS;
  }

  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("scores", new LinkedHashMap<>(scores));
    return map;
  }

  private static double checked(String name, double value) {
    return switch (name) {
      case "readiness" -> FieldRules.range(name, value, 0, 10);
      case "sleep_duration_h" -> FieldRules.range(name, value, 0, 24);
      default -> FieldRules.range(name, value, 1, 5);
    };
  }
}
