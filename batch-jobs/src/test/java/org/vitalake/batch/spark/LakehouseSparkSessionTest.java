package org.vitalake.batch.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vitalake.batch.BatchProperties;
import org.vitalake.lakehouse.LakehouseProperties;

class LakehouseSparkSessionTest {

  private static final Map<String, String> ENV =
      Map.of(
          "VITALAKE_HOME",
          "/tmp/vitalake-conf-test",
          LakehouseProperties.ENV_S3_ENDPOINT,
          "http://127.0.0.1:19000",
          LakehouseProperties.ENV_S3_ACCESS_KEY,
          "access",
          LakehouseProperties.ENV_S3_SECRET_KEY,
          "secret");

  @Test
  void sparkReadsThroughTheUrlConnectionClientWhileTheServicesUseApaches() {
    LakehouseProperties lakehouse = LakehouseProperties.fromMap(ENV);
    String prefix = "spark.sql.catalog." + lakehouse.catalogName() + ".";

    Map<String, String> conf =
        LakehouseSparkSession.createConf(lakehouse, BatchProperties.fromMap(ENV), "conf-test");

    assertThat(lakehouse.catalogProperties()).containsEntry("http-client.type", "apache");
    assertThat(conf)
        .containsEntry(prefix + "http-client.type", "urlconnection")
        .containsEntry(prefix + "s3.endpoint", "http://127.0.0.1:19000")
        .containsEntry(prefix + "s3.path-style-access", "true")
        .containsEntry("spark.sql.defaultCatalog", lakehouse.catalogName());
  }
}
