package org.vitalake.serving.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import java.util.Optional;

/** A request the service refuses, carrying the HTTP status and, when known, the field at fault. */
public class ProblemException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final HttpStatus status;
  private final String field;

  public ProblemException(HttpStatus status, @Nullable String field, String message) {
    super(message);
    this.status = status;
    this.field = field;
  }

  /** Malformed or unacceptable input in {@code field}. */
  public static ProblemException invalid(String field, String message) {
    return new ProblemException(HttpStatus.BAD_REQUEST, field, message);
  }

  public static ProblemException notFound(String message) {
    return new ProblemException(HttpStatus.NOT_FOUND, null, message);
  }

  public static ProblemException forbidden(String message) {
    return new ProblemException(HttpStatus.FORBIDDEN, null, message);
  }

  /** The data the request needs is not loaded yet (e.g. the lakehouse is unreachable). */
  public static ProblemException unavailable(String message) {
    return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, null, message);
  }

  public HttpStatus status() {
    return status;
  }

  public Optional<String> field() {
    return Optional.ofNullable(field);
  }
}
