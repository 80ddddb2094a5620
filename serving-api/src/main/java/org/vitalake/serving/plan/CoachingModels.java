package org.vitalake.serving.plan;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vitalake.coaching.registry.FileSystemModelStorage;
import org.vitalake.coaching.registry.ModelRegistry;
import org.vitalake.coaching.registry.ModelStorage;
import org.vitalake.coaching.registry.ModelStorages;
import org.vitalake.coaching.registry.RegistryEntry;
import org.vitalake.core.readiness.AnomalyDetector;
import org.vitalake.core.readiness.ReadinessModel;
import org.vitalake.lakehouse.local.RepositoryRoot;
import org.vitalake.serving.lakehouse.RefreshableView;

/**
 * The current registered readiness model and anomaly detector from ml-coaching's model registry,
 * reloaded when the nightly run registers a new version; the morning refresh uses them exactly as
 * the nightly plan step does.
 *
 * <p>The registry lives where the nightly run registers its models: the models bucket in object
 * storage when S3 is configured, else {@code $VITALAKE_HOME/models}.
 */
@Singleton
public class CoachingModels implements RefreshableView {

  private record Loaded(
      String readinessVersion,
      ReadinessModel readiness,
      String anomalyVersion,
      AnomalyDetector anomaly) {}

  private final ModelRegistry registry;
  private final String location;
  private volatile Loaded loaded;

  /**
   * Reads the registry the nightly run writes: {@code vitalake.serving.models-dir} when set (a
   * folder), else the storage {@link ModelStorages#fromEnvironment} picks (the models bucket on the
   * lakehouse's S3 endpoint, or {@code $VITALAKE_HOME/models}).
   */
  public CoachingModels(
      @Nullable @Value("${vitalake.serving.models-dir:}") String modelsDir,
      @Nullable @Value("${vitalake.home:}") String home) {
    ModelStorage storage;
    if (modelsDir != null && !modelsDir.isBlank()) {
      storage = new FileSystemModelStorage(Path.of(modelsDir));
      location = "models in " + modelsDir;
    } else {
      Map<String, String> env = new HashMap<>(System.getenv());
      if (home != null && !home.isBlank()) {
        env.put(ModelStorages.ENV_HOME, home);
      } else if (!env.containsKey(ModelStorages.ENV_HOME)) {
        env.put(
            ModelStorages.ENV_HOME,
            RepositoryRoot.findFromWorkingDirectory().resolve(".vitalake").toString());
      }
      storage = ModelStorages.fromEnvironment(env);
      location = "models in " + storage;
    }
    this.registry = new ModelRegistry(storage, Clock.systemUTC());
  }

  /** The current readiness model, if one is registered. */
  public Optional<ReadinessModel> readinessModel() {
    Loaded l = loaded;
    return l == null ? Optional.empty() : Optional.ofNullable(l.readiness());
  }

  /** The current anomaly detector, if one is registered. */
  public Optional<AnomalyDetector> anomalyDetector() {
    Loaded l = loaded;
    return l == null ? Optional.empty() : Optional.ofNullable(l.anomaly());
  }

  /** A label of the loaded versions, part of cache keys of computed plans. */
  public String versions() {
    Loaded l = loaded;
    return l == null ? "none" : l.readinessVersion() + "/" + l.anomalyVersion();
  }

  @Override
  public String name() {
    return location;
  }

  @Override
  public synchronized boolean refresh() {
    String readinessVersion = version(registry.findCurrent(ModelRegistry.READINESS_MODEL_ID));
    String anomalyVersion = version(registry.findCurrent(ModelRegistry.ANOMALY_MODEL_ID));
    Loaded before = loaded;
    if (before != null
        && Objects.equals(before.readinessVersion(), readinessVersion)
        && Objects.equals(before.anomalyVersion(), anomalyVersion)) {
      return false;
    }
    loaded =
        new Loaded(
            readinessVersion,
            readinessVersion == null ? null : registry.findReadinessModel().orElse(null),
            anomalyVersion,
            anomalyVersion == null ? null : registry.findAnomalyDetector().orElse(null));
    return true;
  }

  @Override
  public Optional<Long> snapshotId() {
    return Optional.empty();
  }

  @Override
  public boolean loaded() {
    return loaded != null;
  }

  private static String version(Optional<RegistryEntry> entry) {
    return entry.map(e -> e.modelId() + " " + e.versionLabel()).orElse(null);
  }
}
