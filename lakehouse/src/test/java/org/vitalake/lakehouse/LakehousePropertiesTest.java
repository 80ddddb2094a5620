package org.vitalake.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vitalake.lakehouse.LakehouseProperties.CatalogKind;

class LakehousePropertiesTest {

  private static final String ACCESS = "access-key-for-test";
  private static final String SECRET = "secret-key-for-test";

  private static Map<String, String> env(String... keyValues) {
    Map<String, String> env = new HashMap<>();
    env.put("VITALAKE_S3_ACCESS_KEY", ACCESS);
    env.put("VITALAKE_S3_SECRET_KEY", SECRET);
    for (int i = 0; i < keyValues.length; i += 2) {
      env.put(keyValues[i], keyValues[i + 1]);
    }
    return env;
  }

  @Test
  void appliesLocalStackDefaultsForEverythingButCredentials() {
    // given
    Path home = Path.of("/tmp/vitalake-home-for-test");

    // when
    LakehouseProperties p = LakehouseProperties.fromMap(env("VITALAKE_HOME", home.toString()));

    // then
    assertThat(p.catalogName()).isEqualTo("vitalake");
    assertThat(p.catalogUri()).isEqualTo("jdbc:sqlite:" + home.resolve("catalog.db"));
    assertThat(p.catalogKind()).isEqualTo(CatalogKind.SQLITE);
    assertThat(p.sqliteFile()).isEqualTo(home.resolve("catalog.db"));
    assertThat(p.warehouse()).isEqualTo("s3://vitalake-warehouse/warehouse");
    assertThat(p.warehouseBucket()).isEqualTo("vitalake-warehouse");
    assertThat(p.s3Endpoint()).isEqualTo("http://127.0.0.1:9000");
    assertThat(p.region()).isEqualTo("us-east-1");
    assertThat(p.rawBucket()).isEqualTo("vitalake-raw");
    assertThat(p.modelsBucket()).isEqualTo("vitalake-models");
    assertThat(p.accessKey()).isEqualTo(ACCESS);
    assertThat(p.secretKey()).isEqualTo(SECRET);
  }

  @Test
  void readsEveryVariable() {
    // given
    Map<String, String> env =
        env(
            "VITALAKE_CATALOG_NAME", "lake",
            "VITALAKE_CATALOG_URI", "jdbc:postgresql://db.example:5432/iceberg",
            "VITALAKE_CATALOG_USER", "iceberg",
            "VITALAKE_CATALOG_PASSWORD", "pg-password-for-test",
            "VITALAKE_WAREHOUSE", "s3://lake-bucket/tables",
            "VITALAKE_S3_ENDPOINT", "https://minio.example:9443",
            "VITALAKE_S3_REGION", "eu-central-1",
            "VITALAKE_RAW_BUCKET", "raw-payloads",
            "VITALAKE_MODELS_BUCKET", "model-registry");

    // when
    LakehouseProperties p = LakehouseProperties.fromMap(env);

    // then
    assertThat(p.catalogName()).isEqualTo("lake");
    assertThat(p.catalogKind()).isEqualTo(CatalogKind.POSTGRESQL);
    assertThat(p.sqliteFile()).isNull();
    assertThat(p.warehouseBucket()).isEqualTo("lake-bucket");
    assertThat(p.s3Endpoint()).isEqualTo("https://minio.example:9443");
    assertThat(p.region()).isEqualTo("eu-central-1");
    assertThat(p.rawBucket()).isEqualTo("raw-payloads");
    assertThat(p.modelsBucket()).isEqualTo("model-registry");
    assertThat(p.catalogProperties())
        .containsEntry("uri", "jdbc:postgresql://db.example:5432/iceberg")
        .containsEntry("jdbc.user", "iceberg")
        .containsEntry("jdbc.password", "pg-password-for-test")
        .containsEntry("catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog")
        .containsEntry("warehouse", "s3://lake-bucket/tables");
  }

  @Test
  void treatsBlankValuesAsUnset() {
    // when
    LakehouseProperties p =
        LakehouseProperties.fromMap(env("VITALAKE_CATALOG_NAME", " ", "VITALAKE_RAW_BUCKET", ""));

    // then
    assertThat(p.catalogName()).isEqualTo(LakehouseProperties.DEFAULT_CATALOG_NAME);
    assertThat(p.rawBucket()).isEqualTo(LakehouseProperties.DEFAULT_RAW_BUCKET);
  }

  @Test
  void recognisesRestCatalogUris() {
    // when
    LakehouseProperties p =
        LakehouseProperties.fromMap(
            env(
                "VITALAKE_CATALOG_URI", "http://127.0.0.1:8181",
                "VITALAKE_CATALOG_USER", "client",
                "VITALAKE_CATALOG_PASSWORD", "client-secret"));

    // then
    assertThat(p.catalogKind()).isEqualTo(CatalogKind.REST);
    assertThat(p.catalogProperties())
        .containsEntry("catalog-impl", "org.apache.iceberg.rest.RESTCatalog")
        .containsEntry("credential", "client:client-secret")
        .doesNotContainKey("jdbc.schema-version");
  }

  @Test
  void configuresSqliteForSeveralLocalProcesses() {
    // when
    Map<String, String> catalog =
        LakehouseProperties.fromMap(env("VITALAKE_HOME", "/tmp/x")).catalogProperties();

    // then
    assertThat(catalog)
        .containsEntry("jdbc.schema-version", "V1")
        .containsEntry("jdbc.journal_mode", "WAL")
        .containsKey("jdbc.busy_timeout")
        .containsEntry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO")
        .containsEntry("s3.path-style-access", "true")
        .containsEntry("http-client.type", "apache")
        .containsEntry("s3.access-key-id", ACCESS)
        .containsEntry("s3.secret-access-key", SECRET);
  }

  @Test
  void rejectsMissingAccessKeyNamingTheVariable() {
    // given
    Map<String, String> env = env();
    env.remove("VITALAKE_S3_ACCESS_KEY");

    // when / then
    assertThatThrownBy(() -> LakehouseProperties.fromMap(env))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("VITALAKE_S3_ACCESS_KEY is not set");
  }

  @Test
  void rejectsMissingSecretKeyNamingTheVariable() {
    // given
    Map<String, String> env = env();
    env.put("VITALAKE_S3_SECRET_KEY", "  ");

    // when / then
    assertThatThrownBy(() -> LakehouseProperties.fromMap(env))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("VITALAKE_S3_SECRET_KEY is not set");
  }

  @Test
  void rejectsUnsupportedCatalogUriNamingTheAllowedForms() {
    assertThatThrownBy(
            () -> LakehouseProperties.fromMap(env("VITALAKE_CATALOG_URI", "jdbc:mysql://db/x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("VITALAKE_CATALOG_URI")
        .hasMessageContaining("jdbc:mysql://db/x")
        .hasMessageContaining("jdbc:sqlite:")
        .hasMessageContaining("jdbc:postgresql:");
  }

  @Test
  void rejectsWarehouseOutsideS3() {
    assertThatThrownBy(
            () -> LakehouseProperties.fromMap(env("VITALAKE_WAREHOUSE", "file:///tmp/warehouse")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("VITALAKE_WAREHOUSE")
        .hasMessageContaining("s3://bucket/prefix");
  }

  @Test
  void rejectsInvalidBucketName() {
    assertThatThrownBy(() -> LakehouseProperties.fromMap(env("VITALAKE_RAW_BUCKET", "Raw_Bucket")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("VITALAKE_RAW_BUCKET is 'Raw_Bucket'");
  }

  @Test
  void rejectsEndpointWithoutHttpScheme() {
    assertThatThrownBy(
            () -> LakehouseProperties.fromMap(env("VITALAKE_S3_ENDPOINT", "127.0.0.1:9000")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("VITALAKE_S3_ENDPOINT");
  }

  @Test
  void toStringDoesNotPrintSecrets() {
    // given
    LakehouseProperties p =
        LakehouseProperties.fromMap(
            env(
                "VITALAKE_CATALOG_URI",
                "jdbc:postgresql://db:5432/iceberg?user=u&password=in-url-secret",
                "VITALAKE_CATALOG_PASSWORD",
                "pg-password-for-test"));

    // when
    String text = p.toString();

    // then
    assertThat(text)
        .doesNotContain(SECRET)
        .doesNotContain(ACCESS)
        .doesNotContain("pg-password-for-test")
        .doesNotContain("in-url-secret")
        .contains("db:5432/iceberg");
  }

  @Test
  void replacesTheEndpointOnly() {
    // given
    LakehouseProperties p = LakehouseProperties.fromMap(env());

    // when
    LakehouseProperties moved = p.withS3Endpoint("http://127.0.0.1:9100");

    // then
    assertThat(moved.s3Endpoint()).isEqualTo("http://127.0.0.1:9100");
    assertThat(moved)
        .isEqualTo(
            new LakehouseProperties(
                p.catalogName(),
                p.catalogUri(),
                p.catalogUser(),
                p.catalogPassword(),
                p.warehouse(),
                "http://127.0.0.1:9100",
                p.region(),
                p.accessKey(),
                p.secretKey(),
                p.rawBucket(),
                p.modelsBucket()));
  }

  @Test
  void reproducesItselfFromItsEnvironment() {
    // given
    LakehouseProperties p =
        LakehouseProperties.fromMap(
            env(
                "VITALAKE_CATALOG_URI", "jdbc:postgresql://db:5432/iceberg",
                "VITALAKE_CATALOG_USER", "iceberg",
                "VITALAKE_CATALOG_PASSWORD", "pw",
                "VITALAKE_RAW_BUCKET", "raw-x",
                "VITALAKE_MODELS_BUCKET", "models-x"));

    // when / then
    assertThat(LakehouseProperties.fromMap(p.toEnvironment())).isEqualTo(p);
  }
}
