package org.vitalake.coaching.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vitalake.coaching.PmDataFixture;
import org.vitalake.coaching.features.DayObservation;

/**
 * The small seeded training the golden model was made from. Run {@link #main} (test classpath) to
 * regenerate {@code src/test/resources/golden/readiness-regression.tribuo} after a deliberate
 * change to features or trainer, and say why in the commit.
 */
public final class GoldenReadinessModel {

  static final List<String> USERS = List.of("p01", "p02");
  static final ReadinessTrainingConfig CONFIG =
      new ReadinessTrainingConfig("absolute", 0.05, 10, ReadinessTrainingConfig.DEFAULT_SEED);

  private GoldenReadinessModel() {}

  static List<ReadinessExample> examples() {
    Map<String, List<DayObservation>> users = PmDataFixture.users(USERS);
    List<ReadinessExample> out = new ArrayList<>();
    ReadinessExamples examples = new ReadinessExamples();
    users.forEach((user, days) -> out.addAll(examples.create(user, days)));
    return out;
  }

  static ReadinessRegressor train() {
    return new ReadinessModelTrainer().train(examples(), CONFIG, "golden model: PMData " + USERS);
  }

  public static void main(String[] args) throws Exception {
    Path target =
        Path.of(
            args.length > 0 ? args[0] : "src/test/resources/golden/readiness-regression.tribuo");
    train().tribuoModel().serializeToFile(target);
    System.out.println("wrote " + target.toAbsolutePath());
  }
}
