package org.vitalake.serving.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * A route that needs a role, present only in tests: the service's own routes authorize by data
 * owner, so none of them lets the security filter answer 403.
 */
@Hidden
@Requires(env = Environment.TEST)
@Controller("/test/admin-only")
@Secured({"admin", "service"})
class AdminOnlyTestController {

  @Get
  String get() {
    return "ok";
  }
}
