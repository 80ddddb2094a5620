package org.vitalake.coaching.registry;

import java.nio.file.Path;
import java.util.Map;

/** Chooses the model storage from the {@code VITALAKE_*} environment. */
public final class ModelStorages {

  public static final String ENV_HOME = "VITALAKE_HOME";
  public static final String ENV_S3_ENDPOINT = "VITALAKE_S3_ENDPOINT";
  public static final String ENV_S3_REGION = "VITALAKE_S3_REGION";
  public static final String ENV_S3_ACCESS_KEY = "VITALAKE_S3_ACCESS_KEY";
  public static final String ENV_S3_SECRET_KEY = "VITALAKE_S3_SECRET_KEY";
  public static final String ENV_MODELS_BUCKET = "VITALAKE_MODELS_BUCKET";

  public static final String DEFAULT_REGION = "us-east-1";
  public static final String DEFAULT_MODELS_BUCKET = "vitalake-models";

  private ModelStorages() {}

  /**
   * The bucket {@code VITALAKE_MODELS_BUCKET} (default {@code vitalake-models}, created when
   * missing) on {@code VITALAKE_S3_ENDPOINT} when the endpoint and both keys are set; otherwise the
   * folder {@code $VITALAKE_HOME/models} ({@code ./.vitalake/models} without a home).
   */
  public static ModelStorage fromEnvironment(Map<String, String> env) {
    String endpoint = value(env, ENV_S3_ENDPOINT);
    String accessKey = value(env, ENV_S3_ACCESS_KEY);
    String secretKey = value(env, ENV_S3_SECRET_KEY);
    if (endpoint != null && accessKey != null && secretKey != null) {
      return new S3ModelStorage(
          endpoint,
          valueOr(env, ENV_S3_REGION, DEFAULT_REGION),
          accessKey,
          secretKey,
          valueOr(env, ENV_MODELS_BUCKET, DEFAULT_MODELS_BUCKET));
    }
    String home = value(env, ENV_HOME);
    Path root = home != null ? Path.of(home) : Path.of(".vitalake");
    return new FileSystemModelStorage(root.resolve("models"));
  }

  private static String value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static String valueOr(Map<String, String> env, String name, String fallback) {
    String v = value(env, name);
    return v == null ? fallback : v;
  }
}
