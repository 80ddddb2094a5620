package org.vitalake.identity.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import java.time.Duration;
import java.util.Optional;

/** A request the service refuses, carrying the HTTP status and, when known, the field at fault. */
public class ProblemException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final HttpStatus status;
  private final String field;
  private final Duration retryAfter;

  public ProblemException(
      HttpStatus status, @Nullable String field, String message, @Nullable Duration retryAfter) {
    super(message);
    this.status = status;
    this.field = field;
    this.retryAfter = retryAfter;
  }

  /** Malformed or unacceptable input in {@code field}. */
  public static ProblemException invalid(String field, String message) {
    return new ProblemException(HttpStatus.BAD_REQUEST, field, message, null);
  }

  /** The request collides with existing state, e.g. an email already registered. */
  public static ProblemException conflict(@Nullable String field, String message) {
    return new ProblemException(HttpStatus.CONFLICT, field, message, null);
  }

  public static ProblemException notFound(String message) {
    return new ProblemException(HttpStatus.NOT_FOUND, null, message, null);
  }

  public static ProblemException forbidden(String message) {
    return new ProblemException(HttpStatus.FORBIDDEN, null, message, null);
  }

  public static ProblemException unauthorized(String message) {
    return new ProblemException(HttpStatus.UNAUTHORIZED, null, message, null);
  }

  /**
   * Too many attempts; the client may retry after {@code retryAfter}, whose seconds the detail
   * repeats after {@code reason} as the Retry-After header gives them.
   */
  public static ProblemException tooManyAttempts(String reason, Duration retryAfter) {
    return new ProblemException(
        HttpStatus.TOO_MANY_REQUESTS,
        null,
        reason + "; retry after " + retryAfterSeconds(retryAfter) + " s",
        retryAfter);
  }

  /** {@code wait} in whole seconds for a Retry-After header: rounded up, at least 1. */
  public static long retryAfterSeconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  public HttpStatus status() {
    return status;
  }

  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
