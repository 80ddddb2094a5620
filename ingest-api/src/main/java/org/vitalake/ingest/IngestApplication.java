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

  /** The JDK's property for the common pool's size; read once, when the pool is created. */
  static final String COMMON_POOL_PARALLELISM =
      "java.util.concurrent.ForkJoinPool.common.parallelism";

  private IngestApplication() {}

  public static void main(String[] args) {
    // minio-java runs steps of its requests (reading a stream upload, for one) through
    // CompletableFuture.supplyAsync on the common pool; on a machine with 2 cores that pool has
    // parallelism 1, and the JDK then starts a new thread for every task. A pool of at least 2
    // reuses its threads.
    if (System.getProperty(COMMON_POOL_PARALLELISM) == null
        && Runtime.getRuntime().availableProcessors() <= 2) {
      System.setProperty(COMMON_POOL_PARALLELISM, "2");
    }
    Micronaut.build(args).mainClass(IngestApplication.class).banner(false).start();
  }
}
