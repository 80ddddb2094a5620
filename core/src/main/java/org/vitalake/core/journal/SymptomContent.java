package org.vitalake.core.journal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A symptom, e.g. a headache or a sore knee.
 *
 * @param name the symptom
 * @param severity 1 (barely noticeable) to 5 (severe), or {@code null}
 */
public record SymptomContent(String name, Integer severity) implements JournalContent {

  public SymptomContent {
    name = FieldRules.requiredText("name", name, 200);
    severity = FieldRules.range("severity", severity, 1, 5);
  }

  @Override
  public EntryType type() {
    return EntryType.SYMPTOM;
  }

  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", name);
    FieldRules.putIfPresent(map, "severity", severity);
    return map;
  }
}
