package org.vitalake.core.plan;

/** Plan JSON that cannot be read, naming the field or the character position. */
public final class PlanJsonException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public PlanJsonException(String message) {
    super(message);
  }

  public PlanJsonException(String message, Throwable cause) {
    super(message, cause);
  }
}
