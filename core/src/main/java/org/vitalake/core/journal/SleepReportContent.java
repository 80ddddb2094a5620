package org.vitalake.core.journal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the user says they slept, next to (or instead of) what a wearable measured.
 *
 * @param sleepHours hours slept, 0-24, or {@code null}
 * @param quality 1 (very poor) to 5 (very good), or {@code null}
 * @param note free text, or {@code null}
 */
public record SleepReportContent(Double sleepHours, Integer quality, String note)
    implements JournalContent {

  public SleepReportContent {
    sleepHours = FieldRules.range("sleep_hours", sleepHours, 0, 24);
    quality = FieldRules.range("quality", quality, 1, 5);
    note = FieldRules.optionalText("note", note, 2_000);
    if (sleepHours == null && quality == null) {
      throw new InvalidJournalEntryException(
          "sleep_hours", "a sleep report needs sleep_hours or quality");
    }
  }

  @Override
  public EntryType type() {
    return EntryType.SLEEP_REPORT;
  }

  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    FieldRules.putIfPresent(map, "sleep_hours", sleepHours);
    FieldRules.putIfPresent(map, "quality", quality);
    FieldRules.putIfPresent(map, "note", note);
    return map;
  }
}
