package org.vitalake.core.journal;

import java.util.Map;

/** Checks shared by the content records, each failing with the field's canonical name. */
final class FieldRules {

  private FieldRules() {}

  static String requiredText(String field, String value, int maxLength) {
    String text = optionalText(field, value, maxLength);
    if (text == null) {
      throw new InvalidJournalEntryException(field, field + " is required");
    }
    return text;
  }

  static String optionalText(String field, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.strip();
    if (text.length() > maxLength) {
      throw new InvalidJournalEntryException(
          field,
          field + " has " + text.length() + " characters; at most " + maxLength + " allowed");
    }
    return text;
  }

  static Double range(String field, Double value, double min, double max) {
    if (value == null) {
      return null;
    }
    if (!(value >= min && value <= max)) {
      throw new InvalidJournalEntryException(
          field, field + " " + value + " is outside the allowed range " + min + "-" + max);
    }
    return value;
  }

  static Integer range(String field, Integer value, int min, int max) {
    if (value == null) {
      return null;
    }
    if (value < min || value > max) {
      throw new InvalidJournalEntryException(
          field, field + " " + value + " is outside the allowed range " + min + "-" + max);
    }
    return value;
  }

  /** Puts {@code value} under {@code name} unless it is {@code null}. */
  static void putIfPresent(Map<String, Object> map, String name, Object value) {
    if (value != null) {
      map.put(name, value);
    }
  }
}
