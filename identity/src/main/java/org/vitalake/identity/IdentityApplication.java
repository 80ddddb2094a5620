package org.vitalake.identity;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.util.Map;
import org.vitalake.lakehouse.local.RepositoryRoot;

/** Entry point of the identity service: accounts, tokens and their keys, consent, erasure. */
@OpenAPIDefinition(
    info =
        @Info(
            title = "vitalake-identity",
            version = "0.1",
            description =
                "Accounts, RS256 JWTs with a JWKS, roles, consent and erasure requests of Vitalake",
            license = @License(name = "Apache-2.0")),
    security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(
    name = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT")
public final class IdentityApplication {

  private IdentityApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args)
        .mainClass(IdentityApplication.class)
        // The state folder defaults to <checkout>/.vitalake, as for every Vitalake process.
        .properties(
            Map.of(
                "vitalake.home",
                envOr(
                    "VITALAKE_HOME",
                    RepositoryRoot.findFromWorkingDirectory().resolve(".vitalake").toString())))
        .start();
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
