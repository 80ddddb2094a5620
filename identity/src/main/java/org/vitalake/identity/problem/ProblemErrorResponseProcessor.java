package org.vitalake.identity.problem;

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
 * Renders every error response of the service, including the framework's own (validation, bad JSON,
 * unsupported media type, unknown route, 401/403 from the security filter), as {@code
 * application/problem+json}.
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
    // The service's own exceptions name the field exactly (e.g. consents[0].purpose).
    boolean ownField = context.getRootCause().orElse(null) instanceof ProblemException;
    List<Problem.FieldProblem> errors =
        context.getErrors().stream()
            .map(
                e ->
                    new Problem.FieldProblem(
                        e.getPath().map(p -> ownField ? p : leafName(p)).orElse(null), text(e)))
            .toList();
    String detail;
    if (code >= 500) {
      // Internal details stay in the log; the client learns only that it was not its fault.
      LOG.error(
          "request {} {} failed",
          context.getRequest().getMethod(),
          path,
          context.getRootCause().orElse(null));
      detail = "internal error while handling the request; it has been logged";
      errors = List.of();
    } else if (errors.isEmpty()) {
      detail = status.getReason();
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

  private String text(Error error) {
    String message = error.getMessage();
    return message == null || message.isBlank() ? error.getTitle().orElse("invalid") : message;
  }

  /**
   * Bean validation reports {@code register.request.email}; clients know the field as {@code
   * email}.
   */
  private String leafName(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }
}
