package org.vitalake.core.journal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A meal or snack; every field is optional, but a meal needs at least a name or its calories.
 *
 * @param name what was eaten, e.g. {@code oatmeal with berries}
 * @param calories energy in kcal, 0-10000
 * @param proteinG protein in grams, 0-1000
 * @param carbsG carbohydrates in grams, 0-2000
 * @param fatG fat in grams, 0-1000
 */
public record MealContent(String name, Double calories, Double proteinG, Double carbsG, Double fatG)
    implements JournalContent {

  public MealContent {
    name = FieldRules.optionalText("name", name, 200);
    calories = FieldRules.range("calories", calories, 0, 10_000);
    proteinG = FieldRules.range("protein_g", proteinG, 0, 1_000);
    carbsG = FieldRules.range("carbs_g", carbsG, 0, 2_000);
    fatG = FieldRules.range("fat_g", fatG, 0, 1_000);
    if (name == null && calories == null) {
      throw new InvalidJournalEntryException("name", "a meal needs a name or its calories");
    }
  }

  @Override
  public EntryType type() {
    return EntryType.MEAL;
  }

  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    FieldRules.putIfPresent(map, "name", name);
    FieldRules.putIfPresent(map, "calories", calories);
    FieldRules.putIfPresent(map, "protein_g", proteinG);
    FieldRules.putIfPresent(map, "carbs_g", carbsG);
    FieldRules.putIfPresent(map, "fat_g", fatG);
    return map;
  }
}
