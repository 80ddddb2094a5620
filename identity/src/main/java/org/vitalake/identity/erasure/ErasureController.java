package org.vitalake.identity.erasure;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.vitalake.identity.auth.Caller;

/** Account deletion (right to erasure). */
@Controller
@Tag(name = "accounts")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ErasureController {

  private final ErasureService erasures;

  public ErasureController(ErasureService erasures) {
    this.erasures = erasures;
  }

  /** Body of the 202: the request the pipeline will carry out in the lakehouse. */
  @Serdeable
  public record ErasureResponse(String requestId, String userId, String requestedAt) {}

  @Delete("/users/{id}")
  @Operation(
      summary =
          "Erase an account (self or admin): 202; the lakehouse rows are removed by the nightly run")
  public HttpResponse<ErasureResponse> erase(
      @PathVariable String id, Authentication authentication) {
    ErasureRequest request = erasures.erase(Caller.of(authentication), id);
    return HttpResponse.accepted()
        .body(
            new ErasureResponse(
                request.requestId(), request.userId().value(), request.requestedAt().toString()));
  }
}
