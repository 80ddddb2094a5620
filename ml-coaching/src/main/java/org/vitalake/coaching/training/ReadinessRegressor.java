package org.vitalake.coaching.training;

import java.util.List;
import java.util.Objects;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.Regressor;
import org.vitalake.coaching.features.ReadinessFeatureExtractor;
import org.vitalake.coaching.features.ReadinessFeatures;

/**
 * The trained next-morning readiness model: a Tribuo regression of the self-report's deviation from
 * the user's own mean, added back to that mean and clipped to the 0-10 scale.
 */
public final class ReadinessRegressor {

  /** Name of the Tribuo output dimension. */
  public static final String OUTPUT = "readiness_residual";

  private static final String[] NAMES =
      ReadinessFeatureExtractor.FEATURE_NAMES.toArray(String[]::new);

  private final Model<Regressor> model;

  public ReadinessRegressor(Model<Regressor> model) {
    this.model = Objects.requireNonNull(model, "model");
    if (!model.getOutputIDInfo().getDomain().stream()
        .anyMatch(r -> r.getNames()[0].equals(OUTPUT))) {
      throw new IllegalArgumentException(
          "model does not predict '"
              + OUTPUT
              + "': its outputs are "
              + model.getOutputIDInfo().getDomain());
    }
  }

  /** The underlying Tribuo model (serialized with its provenance by the registry). */
  public Model<Regressor> tribuoModel() {
    return model;
  }

  /** Predicted self-reported readiness (0-10) for the features' morning. */
  public double predict(ReadinessFeatures features) {
    double residual = model.predict(example(features, 0)).getOutput().getValues()[0];
    return Math.max(0, Math.min(10, features.userMean() + residual));
  }

  /** Predictions for many rows, in order. */
  public double[] predict(List<ReadinessFeatures> rows) {
    return rows.stream().mapToDouble(this::predict).toArray();
  }

  static Example<Regressor> example(ReadinessFeatures features, double residual) {
    return new ArrayExample<>(new Regressor(OUTPUT, residual), NAMES, features.values());
  }
}
