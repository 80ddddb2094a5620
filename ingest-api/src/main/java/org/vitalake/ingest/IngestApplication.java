package org.vitalake.ingest;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * Starts the ingest API: wearable sync and journal entries landed in the raw archive and bronze.
 */
@OpenAPIDefinition(
    info =
        @Info(
            title = "Vitalake ingest API",
            version = "0.1",
            description =
                "Wearable sync and journal entries. A 2xx response means the data is committed to"
                    + " the Iceberg bronze tables; every error is application/problem+json.",
            license = @License(name = "Apache-2.0")),
    security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(
    name = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT")
public final class IngestApplication {

  private IngestApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(IngestApplication.class).banner(false).start();
  }
}
