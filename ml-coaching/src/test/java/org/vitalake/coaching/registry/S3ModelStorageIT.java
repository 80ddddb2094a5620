package org.vitalake.coaching.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.vitalake.lakehouse.local.S3Server;

/** {@link S3ModelStorage} held to the storage contract on a real S3 API server (s3proxy). */
class S3ModelStorageIT extends ModelStorageContract {

  private static final AtomicInteger BUCKETS = new AtomicInteger();

  private static S3Server server;
  private static Path dir;

  @BeforeAll
  static void startServer() throws Exception {
    dir = Files.createTempDirectory("vitalake-models-s3-");
    server =
        S3Server.builder()
            .dataDir(dir.resolve("s3"))
            .logFile(dir.resolve("s3proxy.log"))
            .credentials("models-ak", "models-sk")
            .start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** A fresh bucket per test, so the listings of one test do not see another's keys. */
  @Override
  protected ModelStorage storage() {
    return ModelStorages.fromEnvironment(
        env("models-contract-" + BUCKETS.incrementAndGet() + "-" + ProcessHandle.current().pid()));
  }

  @Test
  void choosesTheBucketWhenTheEndpointAndKeysAreSetAndCreatesIt() {
    // given
    String bucket = "models-env-" + ProcessHandle.current().pid();

    // when
    ModelStorage storage = ModelStorages.fromEnvironment(env(bucket));
    storage.put("models/x/v0001/entry.json", "{}".getBytes(StandardCharsets.UTF_8));

    // then: an object of the bucket is a file of s3proxy's folder
    assertThat(storage).isInstanceOf(S3ModelStorage.class);
    assertThat(dir.resolve("s3").resolve(bucket).resolve("models/x/v0001/entry.json"))
        .hasContent("{}");
  }

  @Test
  void choosesTheHomeFolderWithoutS3Keys() {
    // given
    Map<String, String> env =
        Map.of("VITALAKE_HOME", dir.toString(), "VITALAKE_S3_ENDPOINT", server.endpoint());

    // when
    ModelStorage storage = ModelStorages.fromEnvironment(env);
    storage.put("models/y/v0001/entry.json", new byte[] {7});

    // then
    assertThat(storage).isInstanceOf(FileSystemModelStorage.class);
    assertThat(dir.resolve("models/models/y/v0001/entry.json")).exists();
  }

  @Test
  void registersAndLoadsAModelVersionThroughTheBucket() throws Exception {
    // given the checked-in golden readiness model
    ModelRegistry registry = new ModelRegistry(storage(), Clock.systemUTC());
    Model<?> model;
    try (InputStream in = getClass().getResourceAsStream("/golden/readiness-regression.tribuo")) {
      model = Model.deserializeFromStream(in);
    }

    // when
    RegistryEntry first =
        registry.register(ModelRegistry.READINESS_MODEL_ID, model, List.of("s1"), Map.of());
    RegistryEntry second =
        registry.register(ModelRegistry.READINESS_MODEL_ID, model, List.of("s2"), Map.of());

    // then
    assertThat(registry.findCurrent(ModelRegistry.READINESS_MODEL_ID)).contains(second);
    assertThat(registry.findVersion(ModelRegistry.READINESS_MODEL_ID, 1)).contains(first);
    assertThat(registry.loadModel(first).getProvenance()).isEqualTo(model.getProvenance());
  }

  private static Map<String, String> env(String bucket) {
    return Map.of(
        "VITALAKE_HOME",
        dir.toString(),
        "VITALAKE_S3_ENDPOINT",
        server.endpoint(),
        "VITALAKE_S3_ACCESS_KEY",
        "models-ak",
        "VITALAKE_S3_SECRET_KEY",
        "models-sk",
        "VITALAKE_MODELS_BUCKET",
        bucket);
  }
}
