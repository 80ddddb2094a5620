package org.vitalake.coaching.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.tribuo.Model;
import org.tribuo.anomaly.Event;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.regression.Regressor;
import org.vitalake.coaching.anomaly.TribuoAnomalyDetector;
import org.vitalake.coaching.anomaly.VitalsAnomalyModel;
import org.vitalake.coaching.training.ReadinessRegressor;
import org.vitalake.coaching.training.TribuoReadinessModel;
import org.vitalake.core.readiness.AnomalyDetector;
import org.vitalake.core.readiness.ModelRef;
import org.vitalake.core.readiness.ReadinessModel;

/**
 * Registers trained Tribuo models in object storage and loads the current one back.
 *
 * <p>Layout: {@code models/<modelId>/v<NNNN>/model.tribuo} (Tribuo protobuf, provenance included),
 * {@code models/<modelId>/v<NNNN>/entry.json}, and {@code models/<modelId>/current.json} (a copy of
 * the current entry, written last, so a reader sees either the old or the new version).
 */
public final class ModelRegistry {

  public static final String READINESS_MODEL_ID = "readiness-regression";
  public static final String ANOMALY_MODEL_ID = "vitals-anomaly";

  private final ModelStorage storage;
  private final Clock clock;
  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  public ModelRegistry(ModelStorage storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  /** Stores the model as the next version of {@code modelId} and makes it current. */
  public RegistryEntry register(
      String modelId,
      Model<?> model,
      List<String> trainingSnapshotIds,
      Map<String, Double> metrics) {
    Map<String, Double> finiteMetrics = new TreeMap<>();
    // JSON has no NaN: an undefined metric (e.g. precision with nothing flagged) is left out.
    metrics.forEach(
        (name, value) -> {
          if (Double.isFinite(value)) {
            finiteMetrics.put(name, value);
          }
        });
    int version = findAll(modelId).stream().mapToInt(RegistryEntry::version).max().orElse(0) + 1;
    String prefix = "models/" + modelId + "/v" + String.format("%04d", version) + "/";
    byte[] bytes = model.serialize().toByteArray();
    RegistryEntry entry =
        new RegistryEntry(
            modelId,
            version,
            model.getClass().getName(),
            trainingSnapshotIds,
            finiteMetrics,
            clock.instant(),
            prefix + "model.tribuo",
            sha256(bytes),
            ProvenanceUtil.convertToMap(model.getProvenance()));
    storage.put(entry.modelKey(), bytes);
    byte[] entryJson = write(entry);
    storage.put(prefix + "entry.json", entryJson);
    storage.put("models/" + modelId + "/current.json", entryJson);
    return entry;
  }

  /** The current entry of {@code modelId}, or empty when none was registered. */
  public Optional<RegistryEntry> findCurrent(String modelId) {
    return storage.find("models/" + modelId + "/current.json").map(this::read);
  }

  /** Every registered version of {@code modelId}, oldest first. */
  public List<RegistryEntry> findAll(String modelId) {
    List<RegistryEntry> out = new ArrayList<>();
    for (String key : storage.list("models/" + modelId + "/v")) {
      if (key.endsWith("/entry.json")) {
        storage.find(key).map(this::read).ifPresent(out::add);
      }
    }
    return out;
  }

  /** Version {@code version} of {@code modelId}, or empty when it was never registered. */
  public Optional<RegistryEntry> findVersion(String modelId, int version) {
    return storage
        .find("models/" + modelId + "/v" + String.format("%04d", version) + "/entry.json")
        .map(this::read);
  }

  /** Loads the entry's model, checking its bytes against the registered hash. */
  public Model<?> loadModel(RegistryEntry entry) {
    byte[] bytes =
        storage
            .find(entry.modelKey())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "registry entry "
                            + entry.modelId()
                            + " "
                            + entry.versionLabel()
                            + " points at missing "
                            + entry.modelKey()));
    if (!sha256(bytes).equals(entry.sha256())) {
      throw new IllegalStateException(
          entry.modelKey()
              + " does not match the SHA-256 registered for "
              + entry.modelId()
              + " "
              + entry.versionLabel());
    }
    try {
      return Model.deserialize(ModelProto.parseFrom(bytes));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the Tribuo model " + entry.modelKey(), e);
    }
  }

  /** The current readiness regression, or empty before the first training. */
  public Optional<ReadinessRegressor> loadCurrentReadinessModel() {
    return findCurrent(READINESS_MODEL_ID)
        .map(e -> new ReadinessRegressor(loadModel(e).castModel(Regressor.class)));
  }

  /** The current vitals anomaly model, or empty before the first training. */
  public Optional<VitalsAnomalyModel> loadCurrentAnomalyModel() {
    return findCurrent(ANOMALY_MODEL_ID)
        .map(e -> new VitalsAnomalyModel(loadModel(e).castModel(Event.class)));
  }

  /** The current readiness model as core's port, or empty before the first training. */
  public Optional<ReadinessModel> findReadinessModel() {
    return findCurrent(READINESS_MODEL_ID).map(this::loadReadinessModel);
  }

  /** The current anomaly detector as core's port, or empty before the first training. */
  public Optional<AnomalyDetector> findAnomalyDetector() {
    return findCurrent(ANOMALY_MODEL_ID).map(this::loadAnomalyDetector);
  }

  /** The readiness regression of a registered entry as core's port. */
  public ReadinessModel loadReadinessModel(RegistryEntry entry) {
    return new TribuoReadinessModel(
        new ReadinessRegressor(loadModel(entry).castModel(Regressor.class)),
        new ModelRef(entry.modelId(), entry.versionLabel()));
  }

  /** The vitals anomaly model of a registered entry as core's port. */
  public AnomalyDetector loadAnomalyDetector(RegistryEntry entry) {
    return new TribuoAnomalyDetector(
        new VitalsAnomalyModel(loadModel(entry).castModel(Event.class)),
        new ModelRef(entry.modelId(), entry.versionLabel()));
  }

  private byte[] write(RegistryEntry entry) {
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(entry);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write registry entry " + entry.modelId(), e);
    }
  }

  private RegistryEntry read(byte[] bytes) {
    try {
      return json.readValue(bytes, RegistryEntry.class);
    } catch (IOException e) {
      throw new IllegalStateException("unreadable registry entry: " + e.getMessage(), e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
