package org.vitalake.core.journal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the loosely typed fields of a JSON object into typed values, accepting camelCase and
 * snake_case names and aliases, and refusing fields nobody asked for (usually typos).
 */
final class ContentFields {

  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Map<String, String> sentNames = new LinkedHashMap<>();
  private final Set<String> known = new LinkedHashSet<>();

  ContentFields(Map<String, ?> raw) {
    if (raw == null) {
      throw new InvalidJournalEntryException("content", "content must be an object with fields");
    }
    for (Map.Entry<String, ?> entry : raw.entrySet()) {
      if (entry.getKey() == null) {
        throw new InvalidJournalEntryException("content", "content has a field without a name");
      }
      String name = normalize(entry.getKey());
      if (sentNames.containsKey(name)) {
        throw new InvalidJournalEntryException(
            name,
            "content has both '"
                + sentNames.get(name)
                + "' and '"
                + entry.getKey()
                + "'; send one of them");
      }
      sentNames.put(name, entry.getKey());
      values.put(name, entry.getValue());
    }
  }

  /** camelCase, kebab-case and spaced names to snake_case. */
  static String normalize(String name) {
    return name.trim()
        .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
        .replaceAll("[\\s\\-.]+", "_")
        .toLowerCase(Locale.ROOT);
  }

  /** Takes the raw value of the field or of its first alias present, or {@code null}. */
  private Object take(String field, String... aliases) {
    known.add(field);
    Object found = null;
    String foundName = null;
    List<String> names = new ArrayList<>();
    names.add(field);
    names.addAll(List.of(aliases));
    for (String name : names) {
      known.add(name);
      if (values.containsKey(name) && values.get(name) != null) {
        if (foundName != null) {
          throw new InvalidJournalEntryException(
              field,
              "content has both '"
                  + sentNames.get(foundName)
                  + "' and '"
                  + sentNames.get(name)
                  + "'; send one of them");
        }
        found = values.get(name);
        foundName = name;
      }
    }
    return found;
  }

  String text(String field, String... aliases) {
    Object value = take(field, aliases);
    if (value == null) {
      return null;
    }
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    throw new InvalidJournalEntryException(field, field + " must be text, got " + value);
  }

  Double number(String field, String... aliases) {
    Object value = take(field, aliases);
    if (value == null) {
      return null;
    }
    return toNumber(field, value);
  }

  /** Numbers, and numbers sent as text (form posts, CSV imports), as a double. */
  static Double toNumber(String field, Object value) {
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    if (value instanceof String text && !text.isBlank()) {
      try {
        return Double.valueOf(text.trim());
      } catch (NumberFormatException e) {
        // reported below with the field name
      }
    }
    throw new InvalidJournalEntryException(field, field + " must be a number, got '" + value + "'");
  }

  Integer integer(String field, String... aliases) {
    Double value = number(field, aliases);
    if (value == null) {
      return null;
    }
    if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
      throw new InvalidJournalEntryException(
          field, field + " must be a whole number, got " + value);
    }
    return value.intValue();
  }

  List<String> textList(String field, String... aliases) {
    Object value = take(field, aliases);
    if (value == null) {
      return List.of();
    }
    List<String> result = new ArrayList<>();
    if (value instanceof String text) {
      for (String part : text.split(",")) {
        if (!part.isBlank()) {
          result.add(part.strip());
        }
      }
      return result;
    }
    if (value instanceof Collection<?> items) {
      for (Object item : items) {
        if (!(item instanceof String text)) {
          throw new InvalidJournalEntryException(
              field, field + " must be a list of text, got element " + item);
        }
        result.add(text);
      }
      return result;
    }
    throw new InvalidJournalEntryException(field, field + " must be a list of text, got " + value);
  }

  Map<String, Double> numberMap(String field) {
    Object value = take(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new InvalidJournalEntryException(field, field + " must be an object, got " + value);
    }
    Map<String, Double> result = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = normalize(String.valueOf(entry.getKey()));
      result.put(key, toNumber(key, entry.getValue()));
    }
    return result;
  }

  /** Marks a field as read by a caller that consumed it through {@link #remaining()}. */
  void markRead(String name) {
    known.add(name);
  }

  /** The normalized names of every field sent that no reader has taken. */
  List<String> unread() {
    return values.keySet().stream().filter(name -> !known.contains(name)).toList();
  }

  /** Field names sent, minus those read: reported as unknown with the accepted ones listed. */
  void rejectUnknown(EntryType type, List<String> accepted) {
    List<String> unknown = new ArrayList<>();
    for (String name : unread()) {
      unknown.add(sentNames.get(name));
    }
    if (!unknown.isEmpty()) {
      throw new InvalidJournalEntryException(
          normalize(unknown.get(0)),
          "unknown "
              + type.code()
              + " field"
              + (unknown.size() > 1 ? "s " : " ")
              + String.join(", ", unknown)
              + "; accepted fields: "
              + String.join(", ", accepted));
    }
  }

  /** Raw values of the fields no reader has taken, for shapes whose fields are data. */
  Map<String, Object> remaining() {
    Map<String, Object> rest = new LinkedHashMap<>();
    for (String name : unread()) {
      rest.put(name, values.get(name));
    }
    return rest;
  }
}
