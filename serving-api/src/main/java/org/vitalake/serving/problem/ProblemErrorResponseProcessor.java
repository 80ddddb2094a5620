package org.vitalake.serving.problem;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders every error response of the service, including the framework's own (unknown route, bad
 * parameter, 401/403 from the security filter), as {@code application/problem+json}; a 401 or 403
 * from the security filter says what was wrong: no token, which check the token failed, or the
 * roles the route needs.
 */
@Primary
@Singleton
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

  /** Media type of every error body. */
  public static final String PROBLEM_JSON = "application/problem+json";

  private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);

  private static final String BEARER = "Bearer ";

  private final ObjectMapper json;
  private final String issuer;
  private final String audience;
  private final Clock clock;

  public ProblemErrorResponseProcessor(
      ObjectMapper json,
      @Value("${micronaut.security.token.jwt.claims-validators.issuer:vitalake-identity}")
          String issuer,
      @Value("${micronaut.security.token.jwt.claims-validators.audience:vitalake}")
          String audience) {
    this.json = json;
    this.issuer = issuer;
    this.audience = audience;
    this.clock = Clock.systemUTC();
  }

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
    if (context.getRootCause().orElse(null) instanceof AuthorizationException rejection) {
      // the security filter's own errors carry only the reason phrase
      detail =
          rejection.isForbidden()
              ? forbiddenDetail(context.getRequest(), rejection.getAuthentication())
              : unauthorizedDetail(context.getRequest());
      errors = List.of();
    } else if (code >= 500 && code != HttpStatus.SERVICE_UNAVAILABLE.getCode()) {
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
      case NOT_FOUND -> "no such resource";
      default -> status.getReason();
    };
  }

  /** Why a request was not authenticated, as far as the request shows it. */
  String unauthorizedDetail(HttpRequest<?> request) {
    String required =
        "a valid bearer token is required: an RS256 JWT issued by "
            + issuer
            + " for the audience "
            + audience
            + ", not expired";
    String header = request.getHeaders().getAuthorization().orElse("").strip();
    if (header.isEmpty()) {
      return "no bearer token was sent; " + required + " (Authorization: Bearer <token>)";
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return "the Authorization header holds no bearer token; "
          + required
          + " (Authorization: Bearer <token>)";
    }
    return "the bearer token was rejected: "
        + rejectionReason(header.substring(BEARER.length()).strip())
        + "; "
        + required;
  }

  /**
   * Which check {@code token} fails, read from its unverified claims: only the client's own token
   * is described back to it, and a token whose claims pass failed on its signature.
   */
  private String rejectionReason(String token) {
    String[] parts = token.split("\\.", -1);
    Map<String, Object> claims;
    try {
      if (parts.length != 3) {
        throw new IOException("not three parts");
      }
      claims =
          json.readValue(
              Base64.getUrlDecoder().decode(parts[1]), Argument.mapOf(String.class, Object.class));
    } catch (IOException | RuntimeException e) {
      return "it is not a JWT (three base64url parts: header, claims, signature)";
    }
    if (claims == null) {
      return "it is not a JWT (three base64url parts: header, claims, signature)";
    }
    if (claims.get("exp") instanceof Number exp
        && !Instant.ofEpochSecond(exp.longValue()).isAfter(clock.instant())) {
      return "it expired at " + Instant.ofEpochSecond(exp.longValue()) + "; sign in again";
    }
    if (!issuer.equals(claims.get("iss"))) {
      return "it was issued by '" + claims.get("iss") + "', not " + issuer;
    }
    Object aud = claims.get("aud");
    boolean forUs =
        aud instanceof Collection<?> list ? list.contains(audience) : audience.equals(aud);
    if (!forUs) {
      return "it is for the audience '" + aud + "', not " + audience;
    }
    if (claims.get("nbf") instanceof Number nbf
        && Instant.ofEpochSecond(nbf.longValue()).isAfter(clock.instant())) {
      return "it is not valid before " + Instant.ofEpochSecond(nbf.longValue());
    }
    return "its signature does not verify against the keys "
        + issuer
        + " publishes (or they could not be fetched)";
  }

  /** Why an authenticated caller may not use the route: its roles, and the ones it needs. */
  private static String forbiddenDetail(HttpRequest<?> request, Authentication authentication) {
    String detail =
        "the token's roles "
            + (authentication == null ? "[]" : new TreeSet<>(authentication.getRoles()))
            + " do not allow this request";
    List<String> needed =
        RouteAttributes.getRouteMatch(request)
            .map(route -> route.getAnnotationMetadata().stringValues(Secured.class))
            .map(Arrays::asList)
            .orElse(List.of())
            .stream()
            .filter(role -> !role.endsWith("()")) // isAuthenticated(), isAnonymous(), ...
            .sorted()
            .toList();
    return needed.isEmpty() ? detail : detail + "; it needs one of the roles " + needed;
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
