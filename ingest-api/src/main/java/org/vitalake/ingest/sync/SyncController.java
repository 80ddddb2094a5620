package org.vitalake.ingest.sync;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.concurrent.CompletableFuture;
import org.vitalake.ingest.auth.Caller;
import org.vitalake.ingest.problem.Problem;

/** {@code POST /sync}: a batch of wearable data points for one user. */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
public class SyncController {

  private final SyncService service;

  public SyncController(SyncService service) {
    this.service = service;
  }

  /**
   * Stores the valid points of a batch; answers once they are committed to bronze.
   *
   * @param body the raw body, archived as-is
   */
  @Post(uri = "/sync", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Operation(
      summary = "Sync a batch of wearable data points",
      description =
          "At most 5,000 points per request. Valid points are committed to bronze before the"
              + " answer; invalid ones are listed in rejected by index, with a reason naming the"
              + " field. Send an Idempotency-Key to make retries safe.")
  @RequestBody(content = @Content(schema = @Schema(implementation = SyncRequest.class)))
  @ApiResponse(
      responseCode = "202",
      description = "valid points committed",
      content = @Content(schema = @Schema(implementation = SyncResponse.class)))
  @ApiResponse(
      responseCode = "400",
      description = "malformed JSON or a missing/invalid request field",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @ApiResponse(responseCode = "401", description = "no valid bearer token")
  @ApiResponse(responseCode = "403", description = "userId is not the token's subject")
  @ApiResponse(responseCode = "413", description = "more than 5,000 points or body too large")
  @ApiResponse(responseCode = "422", description = "no valid point; errors by index")
  @ApiResponse(responseCode = "503", description = "nothing stored; retry later")
  public CompletableFuture<HttpResponse<SyncResponse>> sync(
      @Body byte[] body,
      @Nullable
          @Header("Idempotency-Key")
          @Parameter(description = "client-chosen key; a retry with it gets the first answer")
          String idempotencyKey,
      Authentication authentication) {
    return service
        .sync(Caller.of(authentication), body, idempotencyKey)
        .thenApply(response -> HttpResponse.<SyncResponse>accepted().body(response));
  }
}
