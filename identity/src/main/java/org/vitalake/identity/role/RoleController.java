package org.vitalake.identity.role;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.vitalake.identity.account.UserResponse;
import org.vitalake.identity.auth.Caller;

/** Role administration. */
@Controller
@Tag(name = "roles")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("admin")
public class RoleController {

  private final RoleService roles;

  public RoleController(RoleService roles) {
    this.roles = roles;
  }

  /** Body of {@code PUT /users/{id}/roles}: the complete new set of role codes. */
  @Serdeable
  public record RolesRequest(@Nullable List<String> roles) {}

  @Put("/users/{id}/roles")
  @Operation(summary = "Replace a user's roles (admin only): user, analyst, data_scientist, admin")
  public UserResponse replace(
      @PathVariable String id, @Body RolesRequest body, Authentication authentication) {
    return UserResponse.of(roles.replaceRoles(Caller.of(authentication), id, body.roles()));
  }
}
