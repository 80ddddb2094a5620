package org.vitalake.identity;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.nio.file.Path;
import java.util.HashMap;
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
        .properties(defaults(System.getenv()))
        .start();
  }

  /**
   * The state folder ({@code VITALAKE_HOME}, else {@code <checkout>/.vitalake}) and, unless {@code
   * VITALAKE_IDENTITY_DB_URL} selects another database, the embedded H2 file inside it.
   */
  static Map<String, Object> defaults(Map<String, String> env) {
    String home =
        envOr(
            env,
            "VITALAKE_HOME",
            RepositoryRoot.findFromWorkingDirectory().resolve(".vitalake").toString());
    Map<String, Object> properties = new HashMap<>();
    properties.put("vitalake.home", home);
    if (envOr(env, "VITALAKE_IDENTITY_DB_URL", null) == null) {
      properties.put("datasources.default.url", embeddedDatabaseUrl(Path.of(home)));
    }
    return properties;
  }

  /** H2 file database; AUTO_SERVER=FALSE keeps it private to this process. */
  static String embeddedDatabaseUrl(Path home) {
    return "jdbc:h2:file:"
        + home.toAbsolutePath().normalize().resolve("identity").resolve("identity")
        + ";AUTO_SERVER=FALSE";
  }

  private static String envOr(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
