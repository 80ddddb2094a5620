package org.vitalake.core.sample;

/** A sample that cannot be accepted, naming the offending field so callers can report it. */
public final class InvalidSampleException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * Creates the exception.
   *
   * @param field the offending field as clients name it ({@code type}, {@code value}, {@code unit},
   *     {@code start}, {@code end}, {@code source}, ...)
   * @param message what is wrong, naming the value and what is allowed
   */
  public InvalidSampleException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** Creates the exception keeping the domain exception that detected the problem. */
  public InvalidSampleException(String field, String message, Throwable cause) {
    super(message, cause);
    this.field = field;
  }

  /** The offending field. */
  public String field() {
    return field;
  }
}
