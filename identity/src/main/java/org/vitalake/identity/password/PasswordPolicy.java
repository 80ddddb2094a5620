package org.vitalake.identity.password;

import java.util.Optional;

/**
 * Minimum password strength: long enough, and not made of a single character class (only letters of
 * one case, only digits, ...), which rules out the most guessable passwords.
 */
public final class PasswordPolicy {

  public static final int MIN_LENGTH = 10;

  /** Argon2 cost grows with input length; a bound keeps a login request from becoming a DoS. */
  public static final int MAX_LENGTH = 128;

  private PasswordPolicy() {}

  /** The reason {@code password} is unacceptable, or empty when it is acceptable. */
  public static Optional<String> findWeakness(String password) {
    if (password == null || password.isEmpty()) {
      return Optional.of("is required");
    }
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH) {
      return Optional.of("must have at least " + MIN_LENGTH + " characters (has " + length + ")");
    }
    if (length > MAX_LENGTH) {
      return Optional.of("must have at most " + MAX_LENGTH + " characters (has " + length + ")");
    }
    boolean lower = password.chars().anyMatch(Character::isLowerCase);
    boolean upper = password.chars().anyMatch(Character::isUpperCase);
    boolean digit = password.chars().anyMatch(Character::isDigit);
    boolean other = password.chars().anyMatch(c -> !Character.isLetterOrDigit(c));
    int classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    if (classes < 2) {
      return Optional.of(
          "must mix at least two kinds of characters (lower case, upper case, digits, symbols)");
    }
    return Optional.empty();
  }
}
