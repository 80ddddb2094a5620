package org.vitalake.identity.problem;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalake.identity.IdentityProperties;

/**
 * Renders every error response of the service, including the framework's own (validation, bad JSON,
 * unsupported media type, unknown route, 401/403 from the security filter), as {@code
 * application/problem+json} whose detail says what was wrong: for a 401, whether the bearer token
 * was missing or rejected; for a 403, which role the route needs.
 */
@Primary
@Singleton
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

  /** Media type of every error body. */
  public static final String PROBLEM_JSON = "application/problem+json";

  private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);

  private static final String BEARER = "bearer ";

  /** What a valid token is, in the words ingest-api uses for its 401s. */
  private final String validToken;

  public ProblemErrorResponseProcessor(IdentityProperties properties) {
    this.validToken =
        "a valid bearer token is required: an RS256 JWT issued by "
            + properties.issuer()
            + " for the audience "
            + properties.audience()
            + ", not expired";
  }

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
    } else if (context.getRootCause().orElse(null) instanceof AuthorizationException refused) {
      // The security filter's own refusal carries only the status's reason phrase.
      detail =
          refused.isForbidden()
              ? forbidden(context.getRequest(), refused)
              : unauthorized(context.getRequest());
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

  /** Says whether the request had no bearer token or one that was not accepted. */
  private String unauthorized(HttpRequest<?> request) {
    String authorization = request.getHeaders().getAuthorization().orElse("").strip();
    if (authorization.isEmpty()) {
      return "no bearer token was sent; " + validToken;
    }
    if (!authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
      return "the Authorization header is not of the form 'Bearer <token>'; " + validToken;
    }
    return "the bearer token was rejected (invalid, expired or wrongly signed); " + validToken;
  }

  /** Names the roles the route needs and those the token has, when the route declares them. */
  private static String forbidden(HttpRequest<?> request, AuthorizationException refused) {
    String held =
        refused.getAuthentication() == null
            ? ""
            : refused.getAuthentication().getRoles().isEmpty()
                ? " (none)"
                : " (" + String.join(", ", refused.getAuthentication().getRoles()) + ")";
    String refusal = "the token's roles" + held + " do not allow this request";
    List<String> needed =
        RouteAttributes.getRouteMatch(request)
            .map(route -> route.getAnnotationMetadata().stringValues(Secured.class))
            .map(Arrays::asList)
            .orElse(List.of())
            .stream()
            // SecurityRule.IS_AUTHENTICATED and the like are expressions, not roles.
            .filter(value -> !value.contains("("))
            .toList();
    if (needed.isEmpty()) {
      return refusal;
    }
    if (needed.size() == 1) {
      return refusal + ": this route needs the " + needed.get(0) + " role";
    }
    return refusal + ": this route needs one of the roles " + String.join(", ", needed);
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
