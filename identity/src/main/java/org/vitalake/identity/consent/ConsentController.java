package org.vitalake.identity.consent;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.vitalake.identity.auth.Caller;
import org.vitalake.identity.consent.ConsentApi.ConsentsRequest;
import org.vitalake.identity.consent.ConsentApi.ConsentsResponse;

/** A user's consent records: the user reads and changes them, an admin may read them. */
@Controller("/users/{id}/consents")
@Tag(name = "consents")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ConsentController {

  private final ConsentService consents;

  public ConsentController(ConsentService consents) {
    this.consents = consents;
  }

  @Get
  @Operation(summary = "Current consent per purpose and the full history (self or admin)")
  public ConsentsResponse find(@PathVariable String id, Authentication authentication) {
    return consents.find(Caller.of(authentication), id);
  }

  @Put
  @Operation(summary = "Grant or withdraw consent for coaching and/or research (self only)")
  public ConsentsResponse update(
      @PathVariable String id, @Body ConsentsRequest body, Authentication authentication) {
    return consents.update(Caller.of(authentication), id, body);
  }
}
