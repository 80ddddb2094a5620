package org.vitalake.lakehouse.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseProperties;

class S3ServerIT {

  @TempDir Path dir;

  @Test
  void servesAFolderAndStopsTheChildOnClose() throws Exception {
    // given
    S3Server server =
        S3Server.builder().dataDir(dir.resolve("s3")).credentials("ak-test", "sk-test").start();
    ProcessHandle child = ProcessHandle.of(server.pid()).orElseThrow();

    try {
      // when: a bucket is created through the S3 API with the right credentials
      LakehouseProperties props =
          LakehouseProperties.fromMap(
              Map.of(
                  "VITALAKE_HOME",
                  dir.toString(),
                  "VITALAKE_S3_ENDPOINT",
                  server.endpoint(),
                  "VITALAKE_S3_ACCESS_KEY",
                  "ak-test",
                  "VITALAKE_S3_SECRET_KEY",
                  "sk-test"));
      try (Lakehouse lakehouse = Lakehouse.open(props)) {
        assertThat(lakehouse.ensureBuckets())
            .containsExactly(props.warehouseBucket(), props.rawBucket(), props.modelsBucket());
      }

      // then: it is a folder, and anonymous requests are refused
      assertThat(dir.resolve("s3").resolve(props.rawBucket())).isDirectory();
      HttpURLConnection anonymous =
          (HttpURLConnection)
              URI.create(server.endpoint() + "/" + props.rawBucket()).toURL().openConnection();
      assertThat(anonymous.getResponseCode()).isEqualTo(403);
      anonymous.disconnect();
    } finally {
      server.close();
    }
    assertThat(child.isAlive()).isFalse();
    assertThat(server.isRunning()).isFalse();
  }

  @Test
  void refusesAPortThatIsTaken() throws Exception {
    // given
    try (S3Server first =
        S3Server.builder().dataDir(dir.resolve("a")).credentials("ak", "sk").start()) {

      // when / then
      assertThatThrownBy(
              () ->
                  S3Server.builder()
                      .dataDir(dir.resolve("b"))
                      .port(first.port())
                      .credentials("ak", "sk")
                      .start())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("port " + first.port())
          .hasMessageContaining("already in use");
    }
  }

  @Test
  void namesEveryPlaceItLookedForAMissingJar() {
    assertThatThrownBy(
            () ->
                S3Server.builder()
                    .dataDir(dir)
                    .credentials("ak", "sk")
                    .jar(dir.resolve("missing.jar"))
                    .start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("missing.jar");
  }

  @Test
  void reportsTheLogWhenTheServerExitsDuringStartup() throws Exception {
    // given: a "jar" that is not one
    Path notAJar = Files.writeString(dir.resolve("broken.jar"), "not a jar");

    // when / then
    assertThatThrownBy(
            () ->
                S3Server.builder()
                    .dataDir(dir.resolve("s3"))
                    .credentials("ak", "sk")
                    .jar(notAJar)
                    .start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("s3proxy exited");
  }
}
