package org.vitalake.coaching.training;

import java.util.List;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.RegressionObjective;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.AbsoluteLoss;
import org.tribuo.regression.sgd.objectives.Huber;

/** Trains the readiness regression with Tribuo's seeded linear SGD. */
public final class ReadinessModelTrainer {

  /**
   * Trains on the examples; the same examples and config always give the same model.
   *
   * @param description what the rows are (e.g. the dataset and snapshot ids), kept in the model's
   *     Tribuo provenance
   */
  public ReadinessRegressor train(
      List<ReadinessExample> examples, ReadinessTrainingConfig config, String description) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("cannot train the readiness model on zero examples");
    }
    RegressionFactory factory = new RegressionFactory();
    MutableDataset<Regressor> dataset =
        new MutableDataset<>(new SimpleDataSourceProvenance(description, factory), factory);
    for (ReadinessExample e : examples) {
      dataset.add(ReadinessRegressor.example(e.features(), e.label() - e.features().userMean()));
    }
    RegressionObjective objective =
        "huber".equals(config.loss()) ? new Huber() : new AbsoluteLoss();
    LinearSGDTrainer trainer =
        new LinearSGDTrainer(
            objective,
            new AdaGrad(config.learningRate()),
            config.epochs(),
            Integer.MAX_VALUE,
            1,
            config.seed());
    Model<Regressor> model = trainer.train(dataset);
    return new ReadinessRegressor(model);
  }
}
