package org.vitalake.serving.problem;

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

  public ProblemException(HttpStatus status, @Nullable String field, String message) {
    this(status, field, message, null);
  }

  private ProblemException(
      HttpStatus status, @Nullable String field, String message, @Nullable Duration retryAfter) {
    super(message);
    this.status = status;
    this.field = field;
    this.retryAfter = retryAfter;
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

  /**
   * The data the request needs is not loaded yet (e.g. the lakehouse is unreachable): 503 with
   * Retry-After, whose seconds the detail repeats after {@code situation}.
   *
   * @param retryAfter when the data may be there: the next attempt to load it
   */
  public static ProblemException unavailable(String situation, Duration retryAfter) {
    return new ProblemException(
        HttpStatus.SERVICE_UNAVAILABLE,
        null,
        situation + "; retry in " + retryAfterSeconds(retryAfter) + " s",
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
