package org.vitalake.coaching.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.regression.Regressor;

/**
 * Guards compatibility: a model serialized by an earlier build must still load and predict what a
 * fresh seeded training predicts. Java 17 floating point is strict (JEP 306) and the seeded SGD
 * visits rows in the same order, so a compatible build reproduces the weights bit for bit; the 1e-9
 * tolerance only absorbs decimal noise, while any change to features, trainer defaults or Tribuo's
 * serialization moves predictions by far more.
 */
class GoldenReadinessModelTest {

  @Test
  void checkedInModelPredictsLikeAFreshSeededTraining() throws Exception {
    // given
    Model<?> loaded;
    try (InputStream in = getClass().getResourceAsStream("/golden/readiness-regression.tribuo")) {
      assertThat(in).as("golden model resource").isNotNull();
      loaded = Model.deserializeFromStream(in);
    }
    ReadinessRegressor golden = new ReadinessRegressor(loaded.castModel(Regressor.class));
    List<ReadinessExample> examples = GoldenReadinessModel.examples();

    // when
    ReadinessRegressor fresh = GoldenReadinessModel.train();

    // then
    assertThat(examples).hasSizeGreaterThan(100);
    for (ReadinessExample e : examples) {
      assertThat(golden.predict(e.features()))
          .as("prediction for %s on %s", e.userId(), e.features().day())
          .isCloseTo(fresh.predict(e.features()), within(1e-9));
    }
    assertThat(loaded.getProvenance().getTrainerProvenance().getClassName())
        .isEqualTo(org.tribuo.regression.sgd.linear.LinearSGDTrainer.class.getName());
  }
}
