package org.vitalake.core.id;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Shared validation of the canonical UUID text form used by {@link IngestId} and {@link EntryId}.
 */
final class Uuids {

  private static final Pattern CANONICAL =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Uuids() {}

  /** Returns the lower-case canonical form, or throws naming the field and the bad value. */
  static String requireCanonical(String field, String value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must not be null");
    }
    if (!CANONICAL.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field
              + " '"
              + value
              + "' is not a UUID (expected 8-4-4-4-12 hexadecimal digits, e.g."
              + " 123e4567-e89b-12d3-a456-426614174000)");
    }
    return value.toLowerCase(Locale.ROOT);
  }
}
