package org.vitalake.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalake.core.id.UserId;
import org.vitalake.lakehouse.BronzeRecords;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseProperties;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableAppender;
import org.vitalake.lakehouse.TableDefinition;
import org.vitalake.lakehouse.local.LocalLakehouse;

class LakehouseCommandIT {

  @TempDir Path home;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** The shared S3 server, but a catalog and buckets of this test's own. */
  private Map<String, String> freshLakehouseEnv() {
    Map<String, String> env = new HashMap<>(LocalLakehouse.shared().properties().toEnvironment());
    String suffix = Long.toHexString(System.nanoTime());
    env.put("VITALAKE_CATALOG_URI", "jdbc:sqlite:" + home.resolve("catalog.db"));
    env.put("VITALAKE_WAREHOUSE", "s3://cli-warehouse-" + suffix + "/warehouse");
    env.put("VITALAKE_RAW_BUCKET", "cli-raw-" + suffix);
    env.put("VITALAKE_MODELS_BUCKET", "cli-models-" + suffix);
    return env;
  }

  private int run(String command, Map<String, String> env) {
    out.reset();
    err.reset();
    return new LakehouseCommand(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(List.of(command), env);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void initCreatesBucketsAndEveryTableAndIsIdempotent() {
    // given
    Map<String, String> env = freshLakehouseEnv();
    LakehouseProperties props = LakehouseProperties.fromMap(env);

    // when
    int first = run("init", env);
    String firstOutput = stdout();
    int second = run("init", env);

    // then
    assertThat(first).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(firstOutput)
        .contains("created bucket " + props.warehouseBucket())
        .contains("created bucket " + props.rawBucket())
        .contains("created bucket " + props.modelsBucket())
        .contains("created namespace bronze", "created namespace silver", "created namespace gold");
    for (TableDefinition table : LakehouseTables.ALL) {
      assertThat(firstOutput).contains("created table " + table.id());
    }
    assertThat(second).isZero();
    assertThat(stdout())
        .contains("bucket exists  " + props.warehouseBucket())
        .doesNotContain("created bucket", "created namespace", "created table")
        .contains(LakehouseTables.ALL.size() + " unchanged");
  }

  @Test
  void statusListsEveryTableWithItsRowCount() {
    // given: an initialised lakehouse with three profiles
    Map<String, String> env = freshLakehouseEnv();
    assertThat(run("init", env)).isZero();
    List<Record> profiles =
        List.of("u-a", "u-b", "u-c").stream()
            .map(
                u ->
                    BronzeRecords.profile(
                        new org.vitalake.core.profile.UserProfile(
                            UserId.of(u), null, null, null, null, null, null, Instant.now())))
            .toList();
    try (Lakehouse lakehouse = Lakehouse.open(LakehouseProperties.fromMap(env))) {
      new TableAppender(lakehouse).append(LakehouseTables.USER_PROFILES, profiles);
    }

    // when
    int status = run("status", env);

    // then
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    String[] lines = stdout().split("\n");
    for (TableDefinition table : LakehouseTables.ALL) {
      String line =
          java.util.Arrays.stream(lines)
              .filter(l -> l.trim().startsWith(table.id() + " "))
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError("no line for " + table.id() + ":\n" + stdout()));
      if (table == LakehouseTables.USER_PROFILES) {
        assertThat(line).contains(profiles.size() + " rows").contains("last commit");
      } else {
        assertThat(line).contains("0 rows").contains("never written");
      }
    }
  }

  @Test
  void statusFailsClearlyWhenS3IsUnreachable() throws Exception {
    // given an endpoint nobody listens on
    Map<String, String> env = freshLakehouseEnv();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    env.put("VITALAKE_S3_ENDPOINT", "http://127.0.0.1:" + port);

    // when
    int status = run("status", env);

    // then
    assertThat(status).isEqualTo(LakehouseCommand.FAILED);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("http://127.0.0.1:" + port)
        .contains("VITALAKE_S3_ENDPOINT")
        .contains("unreachable");
  }

  @Test
  void statusFailsClearlyWhenTheCatalogDoesNotExist() {
    // given
    Map<String, String> env = freshLakehouseEnv();

    // when
    int status = run("status", env);

    // then
    assertThat(status).isEqualTo(LakehouseCommand.FAILED);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(home.resolve("catalog.db").toString())
        .contains("does not exist");
  }

  @Test
  void statusFailsClearlyWhenTheCredentialsAreWrong() {
    // given
    Map<String, String> env = freshLakehouseEnv();
    assertThat(run("init", env)).isZero();
    env.put("VITALAKE_S3_SECRET_KEY", "wrong-secret");

    // when
    int status = run("status", env);

    // then
    assertThat(status).isEqualTo(LakehouseCommand.FAILED);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("refused the credentials")
        .contains("VITALAKE_S3_SECRET_KEY")
        .doesNotContain("wrong-secret");
  }
}
