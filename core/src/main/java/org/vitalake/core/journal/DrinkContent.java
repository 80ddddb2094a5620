package org.vitalake.core.journal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A drink; needs at least a name or a volume.
 *
 * @param name what was drunk, e.g. {@code water}, {@code beer}
 * @param volumeMl volume in millilitres, 0-5000
 * @param alcoholUnits UK units of alcohol (10 ml of ethanol each), 0-50
 */
public record DrinkContent(String name, Double volumeMl, Double alcoholUnits)
    implements JournalContent {

  public DrinkContent {
    name = FieldRules.optionalText("name", name, 200);
    volumeMl = FieldRules.range("volume_ml", volumeMl, 0, 5_000);
    alcoholUnits = FieldRules.range("alcohol_units", alcoholUnits, 0, 50);
    if (name == null && volumeMl == null) {
      throw new InvalidJournalEntryException("name", "a drink needs a name or its volume_ml");
    }
  }

  @Override
  public EntryType type() {
    return EntryType.DRINK;
  }

  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    FieldRules.putIfPresent(map, "name", name);
    FieldRules.putIfPresent(map, "volume_ml", volumeMl);
    FieldRules.putIfPresent(map, "alcohol_units", alcoholUnits);
    return map;
  }
}
