package org.vitalake.ingest.journal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
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
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.concurrent.CompletableFuture;
import org.vitalake.ingest.auth.Caller;
import org.vitalake.ingest.problem.Problem;

/** {@code POST /journal/entries}: one meal, mood, activity, symptom, note, ... */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
public class JournalController {

  private final JournalService service;

  public JournalController(JournalService service) {
    this.service = service;
  }

  /** Stores one entry; answers 201 once it is committed to bronze. */
  @Post(
      uri = "/journal/entries",
      consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Operation(summary = "Log a journal entry (meal, mood, activity, symptom, note, ...)")
  @RequestBody(content = @Content(schema = @Schema(implementation = JournalEntryRequest.class)))
  @ApiResponse(
      responseCode = "201",
      description = "entry committed",
      content = @Content(schema = @Schema(implementation = JournalEntryResponse.class)))
  @ApiResponse(
      responseCode = "400",
      description = "malformed JSON or an invalid field (named in errors)",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @ApiResponse(responseCode = "401", description = "no valid bearer token")
  @ApiResponse(responseCode = "403", description = "userId is not the token's subject")
  public CompletableFuture<HttpResponse<JournalEntryResponse>> create(
      @Body byte[] body,
      @Nullable @Header("Idempotency-Key") String idempotencyKey,
      Authentication authentication) {
    return service
        .create(Caller.of(authentication), body, idempotencyKey)
        .thenApply(
            response ->
                HttpResponse.<JournalEntryResponse>status(HttpStatus.CREATED).body(response));
  }
}
