package org.vitalake.serving;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Entry point of the serving API: daily coaching plans, near-real-time summaries and history. */
@OpenAPIDefinition(
    info =
        @Info(
            title = "Vitalake serving API",
            version = "0.1",
            description =
                "Daily coaching plans with today's near-real-time numbers, today's summary, daily"
                    + " metrics and readiness history. Every call needs a bearer token from the"
                    + " identity service; a user sees only their own data, an admin everyone's.",
            license = @License(name = "Apache-2.0")),
    security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(
    name = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT")
public final class ServingApplication {

  private ServingApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(ServingApplication.class).start();
  }
}
