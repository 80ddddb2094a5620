package org.vitalake.coaching.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vitalake.coaching.PmDataFixture;
import org.vitalake.coaching.features.DayObservation;
import org.vitalake.coaching.features.ReadinessFeatureExtractor;
import org.vitalake.coaching.features.ReadinessFeatures;

class ReadinessEvaluationTest {

  private static Map<String, List<DayObservation>> users;
  private static ReadinessEvaluationResult result;

  @BeforeAll
  static void evaluateFourRealUsers() {
    users = PmDataFixture.users(PmDataFixture.SUBSET);
    result = new ReadinessEvaluation(2, 7L).evaluate(users);
  }

  @Test
  void neverTrainsOnATestUser() {
    Set<String> tested = new HashSet<>();
    for (FoldResult fold : result.folds()) {
      assertThat(fold.trainUsers()).doesNotContainAnyElementsOf(fold.testUsers());
      tested.addAll(fold.testUsers());
    }
    assertThat(tested).containsExactlyInAnyOrderElementsOf(users.keySet());
    assertThat(result.usersTested()).isEqualTo(4);
  }

  @Test
  void scoresEveryHeldOutDayAgainstTheUsersOwnLabel() {
    for (ScoredDay day : result.days()) {
      DayObservation observed =
          users.get(day.userId()).stream()
              .filter(d -> d.date().equals(day.day()))
              .findFirst()
              .orElseThrow();
      assertThat(day.label()).isEqualTo(observed.selfReportedReadiness());
    }
  }

  @Test
  void computesBaselinesFromEarlierLabelsOnly() {
    // given: the first scored day of p01, recomputed from the raw labels
    ScoredDay first =
        result.days().stream().filter(d -> d.userId().equals("p01")).findFirst().orElseThrow();
    List<Double> earlier = new ArrayList<>();
    LocalDate lastDate = null;
    double last = Double.NaN;
    for (DayObservation d : users.get("p01")) {
      if (d.date().isBefore(first.day()) && d.selfReportedReadiness() != null) {
        earlier.add(d.selfReportedReadiness());
        lastDate = d.date();
        last = d.selfReportedReadiness();
      }
    }

    // then
    assertThat(earlier).hasSize(ReadinessFeatureExtractor.MIN_PRIOR_LABELS);
    assertThat(lastDate).isBefore(first.day());
    assertThat(first.userMean())
        .isEqualTo(earlier.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
    assertThat(first.persistence()).isEqualTo(last);
  }

  @Test
  void takesThePopulationMeanFromTrainingUsersOnly() {
    for (FoldResult fold : result.folds()) {
      double expected =
          fold.trainUsers().stream()
              .flatMap(u -> users.get(u).stream())
              .filter(d -> d.selfReportedReadiness() != null)
              .mapToDouble(DayObservation::selfReportedReadiness)
              .average()
              .orElseThrow();
      assertThat(fold.populationMean()).isEqualTo(expected);
    }
  }

  @Test
  void noFeatureReadsTheLabelOrMeasurementsOfTheDayItPredicts() {
    // given: p01 with the predicted day's label and vitals replaced by extreme values
    List<DayObservation> days = users.get("p01");
    ReadinessFeatureExtractor extractor = new ReadinessFeatureExtractor();
    for (DayObservation target : days.subList(20, 40)) {
      List<DayObservation> altered = new ArrayList<>(days);
      altered.set(
          days.indexOf(target),
          new DayObservation(
              target.date(),
              200.0,
              400.0,
              1.0,
              0.01,
              1000.0,
              150_000L,
              target.selfReportedReadiness() == null ? 0.0 : 10 - target.selfReportedReadiness()));

      // when
      ReadinessFeatures original = extractor.extract(days, target.date()).orElseThrow();
      ReadinessFeatures changed = extractor.extract(altered, target.date()).orElseThrow();

      // then
      assertThat(changed).isEqualTo(original);
    }
  }
}
