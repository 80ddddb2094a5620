package org.vitalake.core.journal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a journal entry says, one record shape per {@link EntryType}; stored as the JSON of {@link
 * #toMap()}.
 */
public sealed interface JournalContent
    permits MealContent,
        MoodContent,
        ActivityContent,
        SymptomContent,
        NoteContent,
        SleepReportContent,
        WellnessContent,
        DrinkContent {

  /** The entry type this content belongs to. */
  EntryType type();

  /**
   * The content with canonical snake_case field names and without absent fields, ready to be
   * written as JSON; {@link #parse} reads it back to an equal record.
   */
  Map<String, Object> toMap();

  /**
   * Parses and validates the content of an entry as clients send it (a JSON object): field names in
   * snake_case or camelCase, numbers as numbers or numeric text, plus the aliases clients commonly
   * use ({@code protein} for {@code protein_g}, {@code duration} for {@code minutes}, ...).
   *
   * @throws InvalidJournalEntryException naming the bad or unknown field and what is allowed
   */
  static JournalContent parse(EntryType type, Map<String, ?> fields) {
    if (type == null) {
      throw new InvalidJournalEntryException("entryType", "entryType is required");
    }
    ContentFields in = new ContentFields(fields);
    JournalContent content =
        switch (type) {
          case MEAL ->
              new MealContent(
                  in.text("name", "meal", "description", "food"),
                  in.number("calories", "kcal", "energy_kcal", "energy"),
                  in.number("protein_g", "protein", "proteins"),
                  in.number("carbs_g", "carbs", "carbohydrates", "carbohydrates_g"),
                  in.number("fat_g", "fat", "fats"));
          case MOOD -> new MoodContent(requiredScore(in), in.textList("tags", "tag"));
          case ACTIVITY ->
              new ActivityContent(
                  in.text("name", "activity"),
                  in.number("minutes", "duration", "duration_min", "duration_minutes"),
                  in.text("intensity"));
          case SYMPTOM ->
              new SymptomContent(in.text("name", "symptom"), in.integer("severity", "intensity"));
          case NOTE -> new NoteContent(in.text("text", "note", "body"));
          case SLEEP_REPORT ->
              new SleepReportContent(
                  in.number("sleep_hours", "hours", "duration_h", "sleep_duration_h"),
                  in.integer("quality", "sleep_quality"),
                  in.text("note", "text"));
          case WELLNESS -> wellness(in);
          case DRINK ->
              new DrinkContent(
                  in.text("name", "drink", "beverage"),
                  in.number("volume_ml", "volume", "ml"),
                  in.number("alcohol_units", "alcohol", "units"));
        };
    in.rejectUnknown(type, acceptedFields(type));
    return content;
  }

  /** The canonical field names of each entry type's content. */
  static List<String> acceptedFields(EntryType type) {
    return switch (type) {
      case MEAL -> List.of("name", "calories", "protein_g", "carbs_g", "fat_g");
      case MOOD -> List.of("score", "tags");
      case ACTIVITY -> List.of("name", "minutes", "intensity");
      case SYMPTOM -> List.of("name", "severity");
      case NOTE -> List.of("text");
      case SLEEP_REPORT -> List.of("sleep_hours", "quality", "note");
      case WELLNESS -> WellnessContent.SCORE_NAMES;
      case DRINK -> List.of("name", "volume_ml", "alcohol_units");
    };
  }

  private static int requiredScore(ContentFields in) {
    Integer score = in.integer("score", "mood", "value", "rating");
    if (score == null) {
      throw new InvalidJournalEntryException("score", "score is required (1-5)");
    }
    return score;
  }

  /** Accepts {@code {"scores": {...}}} as stored, or the scores as top-level fields. */
  private static WellnessContent wellness(ContentFields in) {
    Map<String, Double> nested = in.numberMap("scores");
    if (nested != null) {
      return new WellnessContent(nested);
    }
    Map<String, Double> flat = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : in.remaining().entrySet()) {
      flat.put(entry.getKey(), ContentFields.toNumber(entry.getKey(), entry.getValue()));
      in.markRead(entry.getKey());
    }
    return new WellnessContent(flat);
  }
}
