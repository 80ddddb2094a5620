package org.vitalake.core.profile;

/** A profile that cannot be accepted, naming the offending field so callers can report it. */
public final class InvalidProfileException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * Creates the exception.
   *
   * @param field the offending field, e.g. {@code heightCm}
   * @param message what is wrong, naming the value and what is allowed
   */
  public InvalidProfileException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The offending field. */
  public String field() {
    return field;
  }
}
