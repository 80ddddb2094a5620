package org.vitalake.coaching.anomaly;

import java.util.Objects;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.anomaly.Event;
import org.tribuo.impl.ArrayExample;

/** The trained one-class model of normal days; a day outside its support is anomalous. */
public final class VitalsAnomalyModel {

  private static final String[] NAMES = VitalsFeatureExtractor.FEATURE_NAMES.toArray(String[]::new);

  private final Model<Event> model;

  public VitalsAnomalyModel(Model<Event> model) {
    this.model = Objects.requireNonNull(model, "model");
  }

  public Model<Event> tribuoModel() {
    return model;
  }

  /** True when the day's vitals are unusual for this user. */
  public boolean isAnomalous(VitalsFeatures features) {
    return predict(features).getOutput().getType() == Event.EventType.ANOMALOUS;
  }

  /** The one-class SVM decision value: negative outside the learnt normal region. */
  public double score(VitalsFeatures features) {
    return predict(features).getOutput().getScore();
  }

  private Prediction<Event> predict(VitalsFeatures features) {
    return model.predict(example(features));
  }

  static ArrayExample<Event> example(VitalsFeatures features) {
    return new ArrayExample<>(new Event(Event.EventType.EXPECTED), NAMES, features.values());
  }
}
