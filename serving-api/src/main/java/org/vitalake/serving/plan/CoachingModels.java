package org.vitalake.serving.plan;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.vitalake.coaching.registry.FileSystemModelStorage;
import org.vitalake.coaching.registry.ModelRegistry;
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
 * <p>The registry is read from {@code vitalake.serving.models-dir} (default {@code
 * $VITALAKE_HOME/models}), where the local pipeline registers its models.
 */
@Singleton
public class CoachingModels implements RefreshableView {

  private record Loaded(
      String readinessVersion,
      ReadinessModel readiness,
      String anomalyVersion,
      AnomalyDetector anomaly) {}

  private final ModelRegistry registry;
  private final Path root;
  private volatile Loaded loaded;

  public CoachingModels(
      @Nullable @Value("${vitalake.serving.models-dir:}") String modelsDir,
      @Nullable @Value("${vitalake.home:}") String home) {
    if (modelsDir != null && !modelsDir.isBlank()) {
      root = Path.of(modelsDir);
    } else if (home != null && !home.isBlank()) {
      root = Path.of(home).resolve("models");
    } else {
      root = RepositoryRoot.findFromWorkingDirectory().resolve(".vitalake").resolve("models");
    }
    this.registry = new ModelRegistry(new FileSystemModelStorage(root), Clock.systemUTC());
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
    return "models " + root;
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
