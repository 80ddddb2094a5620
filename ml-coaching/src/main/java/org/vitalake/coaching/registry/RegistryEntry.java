package org.vitalake.coaching.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One registered model version: what it is, what it was trained on, how well it did, and where its
 * Tribuo protobuf (which carries the full Tribuo provenance) is stored.
 *
 * @param modelId stable name, e.g. {@code readiness-regression}
 * @param version 1, 2, ... in registration order
 * @param modelClass the Tribuo model class
 * @param trainingSnapshotIds the lakehouse snapshot ids (or dataset ids) of the training rows
 * @param metrics evaluation figures at registration time, e.g. {@code mae_model}
 * @param modelKey storage key of the protobuf
 * @param sha256 hex SHA-256 of the protobuf bytes, checked on load
 * @param provenance Tribuo's provenance of the model as nested maps
 */
public record RegistryEntry(
    String modelId,
    int version,
    String modelClass,
    List<String> trainingSnapshotIds,
    Map<String, Double> metrics,
    Instant createdAt,
    String modelKey,
    String sha256,
    Map<String, Object> provenance) {

  public RegistryEntry {
    if (modelId == null || !modelId.matches("[a-z0-9][a-z0-9-]{0,63}")) {
      throw new IllegalArgumentException(
          "modelId '" + modelId + "' must be 1-64 lower-case letters, digits or '-'");
    }
    if (version < 1) {
      throw new IllegalArgumentException("version " + version + " must be at least 1");
    }
    Objects.requireNonNull(modelClass, "modelClass");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(modelKey, "modelKey");
    Objects.requireNonNull(sha256, "sha256");
    trainingSnapshotIds = List.copyOf(trainingSnapshotIds);
    metrics = Map.copyOf(metrics);
    provenance = provenance == null ? Map.of() : provenance;
  }

  /** The version as plans and tables show it, e.g. {@code v3}. */
  public String versionLabel() {
    return "v" + version;
  }
}
