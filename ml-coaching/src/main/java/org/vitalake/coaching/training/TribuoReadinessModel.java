package org.vitalake.coaching.training;

import java.time.LocalDate;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import org.vitalake.coaching.features.DayObservations;
import org.vitalake.coaching.features.ReadinessFeatureExtractor;
import org.vitalake.core.daily.DailyMetrics;
import org.vitalake.core.readiness.ModelRef;
import org.vitalake.core.readiness.ReadinessModel;
import org.vitalake.core.readiness.ReadinessPrediction;

/** Core's readiness model port backed by a registered Tribuo regression. */
public final class TribuoReadinessModel implements ReadinessModel {

  private final ReadinessRegressor regressor;
  private final ModelRef ref;
  private final ReadinessFeatureExtractor extractor = new ReadinessFeatureExtractor();

  public TribuoReadinessModel(ReadinessRegressor regressor, ModelRef ref) {
    this.regressor = regressor;
    this.ref = ref;
  }

  @Override
  public Optional<ReadinessPrediction> predict(
      List<DailyMetrics> history, NavigableMap<LocalDate, Double> selfReports, LocalDate day) {
    // Only what was known the evening before: the extractor reads days strictly before `day`.
    var rows = DayObservations.from(history, selfReports.headMap(day, false));
    return extractor
        .extract(rows, day)
        .map(f -> new ReadinessPrediction(regressor.predict(f), f.userMean(), ref));
  }
}
