package org.vitalake.ingest.problem;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders every error response of the service that the framework produces (bad JSON, body too
 * large, unknown route, 401/403 from the security filter, unexpected exceptions) as {@code
 * application/problem+json}.
 */
@Primary
@Singleton
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);

  @Override
  public MutableHttpResponse<Problem> processResponse(
      ErrorContext context, MutableHttpResponse<?> baseResponse) {
    int code = baseResponse.code();
    HttpStatus status = HttpStatus.valueOf(code);
    String path = context.getRequest().getPath();
    List<Problem.FieldError> errors =
        context.getErrors().stream()
            .map(e -> new Problem.FieldError(null, e.getPath().orElse(null), text(e)))
            .toList();
    String type = ProblemTypes.GENERIC;
    String detail;
    if (code >= 500) {
      // internals stay in the log; the client learns only that nothing was acknowledged
      LOG.error(
          "request {} {} failed",
          context.getRequest().getMethod(),
          path,
          context.getRootCause().orElse(null));
      type = ProblemTypes.INTERNAL;
      detail = "internal error; nothing from this request was acknowledged, a retry is safe";
      errors = List.of();
    } else if (code == HttpStatus.UNAUTHORIZED.getCode()) {
      type = ProblemTypes.UNAUTHORIZED;
      detail =
          "a valid bearer token is required: an RS256 JWT issued by vitalake-identity for the"
              + " audience vitalake, not expired";
      errors = List.of();
    } else if (code == HttpStatus.FORBIDDEN.getCode()) {
      type = ProblemTypes.FORBIDDEN;
      detail = "the token's roles do not allow this request";
      errors = List.of();
    } else if (code == HttpStatus.REQUEST_ENTITY_TOO_LARGE.getCode()) {
      type = ProblemTypes.TOO_LARGE;
      detail =
          errors.isEmpty() ? "the request body is larger than the service accepts" : joined(errors);
    } else if (code == HttpStatus.BAD_REQUEST.getCode()) {
      type = ProblemTypes.INVALID_REQUEST;
      detail = errors.isEmpty() ? status.getReason() : joined(errors);
    } else {
      detail = errors.isEmpty() ? status.getReason() : joined(errors);
    }
    boolean named = errors.stream().anyMatch(e -> e.field() != null);
    Problem problem =
        new Problem(type, status.getReason(), code, detail, path, named ? errors : null);
    if (code == HttpStatus.REQUEST_ENTITY_TOO_LARGE.getCode()) {
      // the body is refused unread: closing the connection tells a client still sending it to
      // stop, instead of leaving it blocked on a socket nobody reads until its timeout
      baseResponse.header(HttpHeaders.CONNECTION, "close");
    }
    return baseResponse.body(problem).contentType(Problem.MEDIA_TYPE);
  }

  private static String joined(List<Problem.FieldError> errors) {
    return errors.stream()
        .map(e -> e.field() == null ? e.reason() : e.field() + ": " + e.reason())
        .collect(Collectors.joining("; "));
  }

  private static String text(Error error) {
    String message = error.getMessage();
    return message == null || message.isBlank() ? error.getTitle().orElse("invalid") : message;
  }
}
