package org.vitalake.identity.external;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Participant accounts for bulk importers and the demo. */
@Controller("/users/external")
@Tag(name = "accounts")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"service", "admin"})
public class ExternalUserController {

  private final ExternalUserService externalUsers;

  public ExternalUserController(ExternalUserService externalUsers) {
    this.externalUsers = externalUsers;
  }

  /** The platform user of a participant and whether this request created it. */
  @Serdeable
  public record ExternalUserResponse(String id, boolean created) {}

  @Post
  @Operation(
      summary =
          "Find or create the user of a dataset participant (service or admin): 201 when created,"
              + " 200 when it existed")
  public HttpResponse<ExternalUserResponse> findOrCreate(@Body ExternalUserRequest body) {
    ExternalUserService.Mapping mapping = externalUsers.findOrCreate(body);
    return HttpResponse.<ExternalUserResponse>status(
            mapping.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(new ExternalUserResponse(mapping.userId().value(), mapping.created()));
  }
}
