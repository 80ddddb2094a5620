package org.vitalake.ingest.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A request the service refuses, carrying the HTTP status, a problem type and the fields at fault.
 */
public class ProblemException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final HttpStatus status;
  private final String type;
  private final transient List<Problem.FieldError> errors;
  private final Duration retryAfter;

  public ProblemException(
      HttpStatus status,
      String type,
      String detail,
      List<Problem.FieldError> errors,
      @Nullable Duration retryAfter,
      @Nullable Throwable cause) {
    super(detail, cause);
    this.status = status;
    this.type = type;
    this.errors = List.copyOf(errors);
    this.retryAfter = retryAfter;
  }

  /** Malformed or unacceptable input in {@code field} (400). */
  public static ProblemException invalid(String field, String message) {
    return new ProblemException(
        HttpStatus.BAD_REQUEST,
        ProblemTypes.INVALID_REQUEST,
        field + ": " + message,
        List.of(new Problem.FieldError(null, field, message)),
        null,
        null);
  }

  /** The caller may not act for the user named in the request (403). */
  public static ProblemException forbidden(String message) {
    return new ProblemException(
        HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, message, List.of(), null, null);
  }

  /** The request is larger than the documented limit (413). */
  public static ProblemException tooLarge(String field, String message) {
    return new ProblemException(
        HttpStatus.REQUEST_ENTITY_TOO_LARGE,
        ProblemTypes.TOO_LARGE,
        message,
        List.of(new Problem.FieldError(null, field, message)),
        null,
        null);
  }

  /** The service cannot take the request now; nothing was stored and a retry is safe (503). */
  public static ProblemException unavailable(String message, Duration retryAfter, Throwable cause) {
    return new ProblemException(
        HttpStatus.SERVICE_UNAVAILABLE,
        ProblemTypes.UNAVAILABLE,
        message,
        List.of(),
        retryAfter,
        cause);
  }

  public HttpStatus status() {
    return status;
  }

  public String type() {
    return type;
  }

  public List<Problem.FieldError> errors() {
    return errors;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
