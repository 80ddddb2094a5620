package org.vitalake.core.id;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Pseudonymous identifier of a user: the only user reference the lakehouse ever stores.
 *
 * @param value 1-64 characters, starting with a letter or digit, then letters, digits, {@code .},
 *     {@code _}, {@code :} or {@code -}
 */
public record UserId(String value) {

  /** Longest accepted identifier. */
  public static final int MAX_LENGTH = 64;

  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");

  public UserId {
    if (value == null) {
      throw new IllegalArgumentException("userId must not be null");
    }
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "userId '"
              + value
              + "' has "
              + value.length()
              + " characters; allowed length is 1-"
              + MAX_LENGTH);
    }
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "userId '"
              + value
              + "' must start with a letter or digit and contain only letters, digits, '.', '_',"
              + " ':' or '-'");
    }
  }

  /** Parses a user id, rejecting malformed values with a message naming them. */
  public static UserId of(String value) {
    return new UserId(value);
  }

  /** Creates a fresh random (UUID) user id. */
  public static UserId random() {
    return new UserId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
