package org.vitalake.coaching.training;

import java.util.ArrayList;
import java.util.List;
import org.vitalake.coaching.features.DayObservation;
import org.vitalake.coaching.features.ReadinessFeatureExtractor;

/** Turns a user's days into labelled examples, each built only from the days before it. */
public final class ReadinessExamples {

  private final ReadinessFeatureExtractor extractor = new ReadinessFeatureExtractor();

  /** One example per labelled day that has enough earlier self-reports. */
  public List<ReadinessExample> create(String userId, List<DayObservation> days) {
    List<ReadinessExample> out = new ArrayList<>();
    for (DayObservation day : days) {
      if (day.selfReportedReadiness() == null) {
        continue;
      }
      extractor
          .extract(days, day.date())
          .ifPresent(f -> out.add(new ReadinessExample(userId, f, day.selfReportedReadiness())));
    }
    return out;
  }
}
