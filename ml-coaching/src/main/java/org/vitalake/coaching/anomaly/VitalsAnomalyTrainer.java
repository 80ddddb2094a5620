package org.vitalake.coaching.anomaly;

import java.util.List;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.anomaly.libsvm.LibSVMAnomalyTrainer;
import org.tribuo.anomaly.libsvm.SVMAnomalyType;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains a one-class SVM (RBF kernel, LibSVM through Tribuo) on users' daily vitals z-scores.
 *
 * <p>{@code nu} bounds the share of training days treated as outliers: real histories contain sick
 * days too, so it is not zero.
 */
public final class VitalsAnomalyTrainer {

  public static final double DEFAULT_NU = 0.05;
  public static final double DEFAULT_GAMMA = 0.1;
  public static final long DEFAULT_SEED = 20191101L;

  static {
    // LibSVM prints its optimiser trace to stdout, which would corrupt the evaluation's JSON line.
    libsvm.svm.svm_set_print_string_function(text -> {});
  }

  private final double nu;
  private final double gamma;
  private final long seed;

  public VitalsAnomalyTrainer() {
    this(DEFAULT_NU, DEFAULT_GAMMA, DEFAULT_SEED);
  }

  public VitalsAnomalyTrainer(double nu, double gamma, long seed) {
    if (!(nu > 0 && nu < 1)) {
      throw new IllegalArgumentException("nu " + nu + " is outside the allowed range (0, 1)");
    }
    if (!(gamma > 0)) {
      throw new IllegalArgumentException("gamma " + gamma + " must be above 0");
    }
    this.nu = nu;
    this.gamma = gamma;
    this.seed = seed;
  }

  /** Trains on the days given, which should be mostly ordinary days. */
  public VitalsAnomalyModel train(List<VitalsFeatures> days, String description) {
    if (days.isEmpty()) {
      throw new IllegalArgumentException("cannot train the vitals anomaly model on zero days");
    }
    AnomalyFactory factory = new AnomalyFactory();
    MutableDataset<Event> dataset =
        new MutableDataset<>(new SimpleDataSourceProvenance(description, factory), factory);
    days.forEach(d -> dataset.add(VitalsAnomalyModel.example(d)));
    SVMParameters<Event> parameters =
        new SVMParameters<>(new SVMAnomalyType(SVMAnomalyType.SVMMode.ONE_CLASS), KernelType.RBF);
    parameters.setNu(nu);
    parameters.setGamma(gamma);
    Model<Event> model = new LibSVMAnomalyTrainer(parameters, seed).train(dataset);
    return new VitalsAnomalyModel(model);
  }
}
