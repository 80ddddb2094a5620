package org.vitalake.batch.coaching;

import java.io.Serializable;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.vitalake.coaching.registry.ModelRegistry;
import org.vitalake.coaching.registry.ModelStorage;
import org.vitalake.coaching.registry.ModelStorages;
import org.vitalake.coaching.registry.RegistryEntry;
import org.vitalake.core.readiness.AnomalyDetector;
import org.vitalake.core.readiness.ReadinessModel;

/**
 * Which registered model versions a run uses, and where to load them from: a few strings that Spark
 * ships to executors instead of the Tribuo models, each executor JVM loading the models once.
 *
 * @param storageEnv the {@code VITALAKE_*} variables of the model storage ({@link ModelStorages});
 *     holds the S3 keys, as the executors' lakehouse settings already do
 * @param readinessVersion the readiness regression's version, or null for the rules alone
 * @param anomalyVersion the anomaly detector's version, or null for none
 */
public record CoachingModelSource(
    Map<String, String> storageEnv, Integer readinessVersion, Integer anomalyVersion)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The loaded models of one JVM, by source. */
  private static final Map<CoachingModelSource, Models> LOADED = new ConcurrentHashMap<>();

  /** The models of a source; either may be absent. */
  public record Models(Optional<ReadinessModel> readiness, Optional<AnomalyDetector> anomaly) {}

  public CoachingModelSource {
    storageEnv = Map.copyOf(new TreeMap<>(storageEnv));
  }

  /** The versions currently registered in the storage {@code storageEnv} designates. */
  public static CoachingModelSource current(Map<String, String> storageEnv) {
    ModelRegistry registry = registry(storageEnv);
    return new CoachingModelSource(
        storageEnv,
        registry
            .findCurrent(ModelRegistry.READINESS_MODEL_ID)
            .map(RegistryEntry::version)
            .orElse(null),
        registry
            .findCurrent(ModelRegistry.ANOMALY_MODEL_ID)
            .map(RegistryEntry::version)
            .orElse(null));
  }

  /** The storage {@code env} designates. */
  public static ModelStorage storage(Map<String, String> env) {
    return ModelStorages.fromEnvironment(env);
  }

  /** The models of this source, loaded from storage on the first call in this JVM. */
  public Models load() {
    return LOADED.computeIfAbsent(this, CoachingModelSource::loadFromStorage);
  }

  /** Versions as text, for run notes: {@code readiness-regression v3, vitals-anomaly v3}. */
  public String describe() {
    return (readinessVersion == null
            ? "no readiness model"
            : ModelRegistry.READINESS_MODEL_ID + " v" + readinessVersion)
        + ", "
        + (anomalyVersion == null
            ? "no anomaly model"
            : ModelRegistry.ANOMALY_MODEL_ID + " v" + anomalyVersion);
  }

  @Override
  public String toString() {
    // the environment holds the S3 secret key
    return "CoachingModelSource[" + describe() + "]";
  }

  private static Models loadFromStorage(CoachingModelSource source) {
    ModelStorage storage = storage(source.storageEnv());
    ModelRegistry registry = new ModelRegistry(storage, Clock.systemUTC());
    Optional<ReadinessModel> readiness =
        source.readinessVersion() == null
            ? Optional.empty()
            : Optional.of(
                registry.loadReadinessModel(
                    entry(
                        registry,
                        storage,
                        ModelRegistry.READINESS_MODEL_ID,
                        source.readinessVersion())));
    Optional<AnomalyDetector> anomaly =
        source.anomalyVersion() == null
            ? Optional.empty()
            : Optional.of(
                registry.loadAnomalyDetector(
                    entry(
                        registry,
                        storage,
                        ModelRegistry.ANOMALY_MODEL_ID,
                        source.anomalyVersion())));
    return new Models(readiness, anomaly);
  }

  private static RegistryEntry entry(
      ModelRegistry registry, ModelStorage storage, String modelId, int version) {
    return registry
        .findVersion(modelId, version)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    modelId + " v" + version + " is not in the model storage " + storage));
  }

  private static ModelRegistry registry(Map<String, String> env) {
    // loading never registers, so the clock is never read
    return new ModelRegistry(storage(env), Clock.systemUTC());
  }
}
