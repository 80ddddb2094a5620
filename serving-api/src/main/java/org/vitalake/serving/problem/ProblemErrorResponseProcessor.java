package org.vitalake.serving.problem;

import io.micronaut.context.annotation.Primary;
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
 * Renders every error response of the service, including the framework's own (unknown route, bad
 * parameter, 401/403 from the security filter), as {@code application/problem+json}.
 */
@Primary
@Singleton
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

  /** Media type of every error body. */
  public static final String PROBLEM_JSON = "application/problem+json";

  private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);

  @Override
  public MutableHttpResponse<Problem> processResponse(
      ErrorContext context, MutableHttpResponse<?> baseResponse) {
    int code = baseResponse.code();
    HttpStatus status = HttpStatus.valueOf(code);
    String path = context.getRequest().getPath();
    List<Problem.FieldProblem> errors =
        context.getErrors().stream()
            .map(
                e ->
                    new Problem.FieldProblem(e.getPath().map(this::leafName).orElse(null), text(e)))
            .toList();
    String detail;
    if (code >= 500 && code != HttpStatus.SERVICE_UNAVAILABLE.getCode()) {
      // internal details stay in the log; the client learns only that it was not its fault
      LOG.error(
          "request {} {} failed",
          context.getRequest().getMethod(),
          path,
          context.getRootCause().orElse(null));
      detail = "internal error while handling the request; it has been logged";
      errors = List.of();
    } else if (errors.isEmpty()) {
      detail = defaultDetail(status);
    } else {
      detail =
          errors.stream()
              .map(e -> e.field() == null ? e.message() : e.field() + ": " + e.message())
              .collect(Collectors.joining("; "));
    }
    boolean fieldsNamed = errors.stream().anyMatch(e -> e.field() != null);
    Problem problem =
        new Problem(
            "about:blank", status.getReason(), code, detail, path, fieldsNamed ? errors : null);
    return baseResponse.body(problem).contentType(PROBLEM_JSON);
  }

  private static String defaultDetail(HttpStatus status) {
    return switch (status) {
      case UNAUTHORIZED ->
          "a valid bearer token from the identity service is required"
              + " (Authorization: Bearer <token>)";
      case FORBIDDEN -> "the token's roles do not allow this request";
      case NOT_FOUND -> "no such resource";
      default -> status.getReason();
    };
  }

  private String text(Error error) {
    String message = error.getMessage();
    return message == null || message.isBlank() ? error.getTitle().orElse("invalid") : message;
  }

  /** Bean validation reports {@code method.argument}; clients know the parameter by its name. */
  private String leafName(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }
}
