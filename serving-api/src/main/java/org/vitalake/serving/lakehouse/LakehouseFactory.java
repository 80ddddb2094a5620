package org.vitalake.serving.lakehouse;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseProperties;
import org.vitalake.lakehouse.TableScanner;

/**
 * Opens the lakehouse from the {@code VITALAKE_*} variables. Each variable may also be given as the
 * matching configuration property ({@code VITALAKE_S3_ENDPOINT} as {@code vitalake.s3.endpoint}),
 * which is how tests point the service at a throwaway lakehouse.
 */
@Factory
public class LakehouseFactory {

  private static final List<String> VARIABLES =
      List.of(
          LakehouseProperties.ENV_HOME,
          LakehouseProperties.ENV_CATALOG_NAME,
          LakehouseProperties.ENV_CATALOG_URI,
          LakehouseProperties.ENV_CATALOG_USER,
          LakehouseProperties.ENV_CATALOG_PASSWORD,
          LakehouseProperties.ENV_WAREHOUSE,
          LakehouseProperties.ENV_S3_ENDPOINT,
          LakehouseProperties.ENV_S3_REGION,
          LakehouseProperties.ENV_S3_ACCESS_KEY,
          LakehouseProperties.ENV_S3_SECRET_KEY,
          LakehouseProperties.ENV_RAW_BUCKET);

  @Singleton
  LakehouseProperties lakehouseProperties(Environment environment) {
    Map<String, String> values = new HashMap<>();
    for (String variable : VARIABLES) {
      String property = variable.toLowerCase(Locale.ROOT).replace('_', '.');
      environment
          .getProperty(property, String.class)
          .or(() -> java.util.Optional.ofNullable(System.getenv(variable)))
          .filter(v -> !v.isBlank())
          .ifPresent(v -> values.put(variable, v));
    }
    return LakehouseProperties.fromMap(values);
  }

  @Singleton
  @Bean(preDestroy = "close")
  Lakehouse lakehouse(LakehouseProperties properties) {
    return Lakehouse.open(properties);
  }

  @Singleton
  TableScanner tableScanner(Lakehouse lakehouse) {
    return new TableScanner(lakehouse);
  }
}
