package org.vitalake.serving.plan;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import org.vitalake.core.id.UserId;
import org.vitalake.serving.auth.AccessPolicy;
import org.vitalake.serving.auth.Caller;

/**
 * The daily coaching plan (the seed's {@code GET /coaching/plan/{userId}} contract), with an entity
 * tag so clients that poll it get {@code 304 Not Modified} while nothing changed.
 */
@Controller("/coaching/plan")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "coaching plan")
public class PlanController {

  /** Clients may reuse a plan for a minute; it is the user's own data, never shared caches. */
  static final String CACHE_CONTROL = "private, max-age=60";

  private final PlanService service;
  private final AccessPolicy access;
  private final JsonMapper json;

  public PlanController(PlanService service, AccessPolicy access, JsonMapper json) {
    this.service = service;
    this.access = access;
    this.json = json;
  }

  @Get("/me")
  @Operation(
      summary = "The caller's plan",
      description = "Same as /coaching/plan/{userId} for the token's subject.")
  @ApiResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = PlanResponse.class)))
  public HttpResponse<?> mine(
      Authentication authentication,
      @Parameter(description = "the plan's day, YYYY-MM-DD; default the caller's today")
          @Nullable
          @QueryValue
          String date,
      @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    return respond(access.authorize(Caller.of(authentication), null), date, ifNoneMatch);
  }

  @Get("/{userId}")
  @Operation(
      summary = "A user's plan",
      description =
          "The plan of today (in the user's time zone) or of `date`: goals, today's progress"
              + " (currentSteps and currentIntake move during the day), recommendations with their"
              + " reasons, readiness with contributors, sleep target, alerts, coverage, models and"
              + " what it is based on. A day without a nightly plan is 404 with the dates that"
              + " exist, except today, whose plan is then derived on request.")
  @ApiResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = PlanResponse.class)))
  @ApiResponse(responseCode = "304", description = "If-None-Match matched the plan's ETag")
  @ApiResponse(
      responseCode = "404",
      description = "no plan for that day; the message lists the dates that have one")
  public HttpResponse<?> plan(
      Authentication authentication,
      @PathVariable String userId,
      @Parameter(description = "the plan's day, YYYY-MM-DD; default the user's today")
          @Nullable
          @QueryValue
          String date,
      @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    return respond(access.authorize(Caller.of(authentication), userId), date, ifNoneMatch);
  }

  private HttpResponse<?> respond(UserId user, String date, String ifNoneMatch) {
    PlanService.RenderedPlan rendered = service.findRendered(user, date, this::render);
    byte[] body = rendered.body();
    String etag = rendered.etag();
    if (matches(ifNoneMatch, etag)) {
      return HttpResponse.status(HttpStatus.NOT_MODIFIED)
          .header(HttpHeaders.ETAG, etag)
          .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
    }
    return HttpResponse.ok(body)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .header(HttpHeaders.ETAG, etag)
        .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
  }

  private PlanService.RenderedPlan render(PlanResponse plan) {
    try {
      byte[] body = json.writeValueAsBytes(plan);
      return new PlanService.RenderedPlan(body, etag(body));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise the plan of " + plan.userId(), e);
    }
  }

  /** A strong entity tag: the first 128 bits of the body's SHA-256. */
  static String etag(byte[] body) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
      return "\""
          + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16))
          + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** {@code If-None-Match} may list several tags, weak ones included, or {@code *}. */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.trim();
      if (tag.equals("*")) {
        return true;
      }
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
