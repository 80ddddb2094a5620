package org.vitalake.core.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vitalake.core.daily.DailyMetrics;
import org.vitalake.core.id.UserId;

class ReadinessCalculatorTest {

  private static final UserId USER = UserId.of("user-1");
  private static final LocalDate DAY = LocalDate.of(2026, 3, 1);

  @Test
  void returnsNoScoreWithReasonWhenFewerThanSevenPriorNights() {
    // given
    List<DailyMetrics> history = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      history.add(day(DAY.minusDays(i), 52.0, null, 450.0, null));
    }
    history.add(day(DAY, 52.0, null, 450.0, null));

    // when
    ReadinessResult result = ReadinessCalculator.score(history, DAY);

    // then
    assertThat(result.score()).isNull();
    assertThat(result.band()).isNull();
    assertThat(result.reason()).contains("only 5 of the previous 60 nights").contains("at least 7");
  }

  @Test
  void returnsStarterReasonForUserWithoutData() {
    // when
    ReadinessResult result = ReadinessCalculator.score(USER, List.of(), DAY, 480);

    // then
    assertThat(result.hasScore()).isFalse();
    assertThat(result.reason()).startsWith("no data yet");
  }

  @Test
  void scoresRestingHeartRateTwoStandardDeviationsAboveBaselineAtTwentyFive() {
    // given: 30 days alternating 50 and 54 bpm, today 56 bpm
    List<DailyMetrics> history = new ArrayList<>();
    List<Double> baseline = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      double bpm = i % 2 == 0 ? 50 : 54;
      baseline.add(bpm);
      history.add(day(DAY.minusDays(i), bpm, null, null, null));
    }
    history.add(day(DAY, 56.0, null, null, null));
    double mean = mean(baseline);
    double sd = sd(baseline);
    double expectedSub = Math.max(0, Math.min(100, 75 - 25 * (56 - mean) / Math.max(sd, 1.0)));

    // when
    ReadinessResult result = ReadinessCalculator.score(history, DAY);

    // then
    Contributor hr = result.contributor("resting_hr").orElseThrow();
    assertThat(hr.baseline()).isCloseTo(mean, within(1e-9));
    assertThat(hr.subScore()).isCloseTo(expectedSub, within(1e-9));
    assertThat(hr.weight()).isCloseTo(1.0, within(1e-12));
    assertThat(result.score()).isEqualTo((int) Math.round(expectedSub));
    assertThat(result.band()).isEqualTo(ReadinessBand.LOW);
    assertThat(hr.message()).contains("56 bpm").contains("elevated");
  }

  @Test
  void usesYesterdaysRestingHeartRateWhenTodayHasNone() {
    // given
    List<DailyMetrics> history = new ArrayList<>();
    for (int i = 2; i <= 20; i++) {
      history.add(day(DAY.minusDays(i), 50.0, null, null, null));
    }
    history.add(day(DAY.minusDays(1), 53.0, null, null, null));
    history.add(day(DAY, null, null, null, null));

    // when
    Contributor hr =
        ReadinessCalculator.score(history, DAY).contributor("resting_hr").orElseThrow();

    // then: baseline 50 with SD 0 floored at 1 bpm, z = 3
    assertThat(hr.value()).isEqualTo(53.0);
    assertThat(hr.subScore()).isCloseTo(0.0, within(1e-9));
  }

  @Test
  void scoresSleepFromLastNightAndFourteenNightDebt() {
    // given: 13 nights of 7.5 h and 400 minutes last night against a need of 480
    List<DailyMetrics> history = new ArrayList<>();
    for (int i = 1; i <= 13; i++) {
      history.add(day(DAY.minusDays(i), null, null, 450.0, null));
    }
    history.add(day(DAY, null, null, 400.0, null));
    double debt = 13 * (480 - 450) + (480 - 400);
    double night = 100 * 400 / 480.0;
    double debtScore = 100 - 50 * debt / 480;
    double expectedSub = 0.6 * night + 0.4 * debtScore;

    // when
    ReadinessResult result = ReadinessCalculator.score(history, DAY);

    // then
    Contributor sleep = result.contributor("sleep").orElseThrow();
    assertThat(ReadinessCalculator.sleepDebtMinutes(history, DAY, 480)).isEqualTo(debt);
    assertThat(sleep.subScore()).isCloseTo(expectedSub, within(1e-9));
    assertThat(result.score()).isEqualTo((int) Math.round(expectedSub));
    assertThat(result.band()).isEqualTo(ReadinessBand.of((int) Math.round(expectedSub)));
    assertThat(sleep.message()).contains("6 h 40 min").contains("7 h 50 min");
  }

  @Test
  void extraSleepRepaysDebtButIsNotBanked() {
    // given
    List<DailyMetrics> history = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      history.add(day(DAY.minusDays(i), null, null, 540.0, null));
    }

    // then
    assertThat(ReadinessCalculator.sleepDebtMinutes(history, DAY, 480)).isZero();
  }

  @Test
  void scoresHrvBelowNormalRangeFromLnRollingMean() {
    // given: d-60..d-7 alternate 40/60 ms rMSSD, the last seven days (today included) 30 ms
    List<DailyMetrics> history = new ArrayList<>();
    List<Double> lnBaseline = new ArrayList<>();
    for (int i = 1; i <= 60; i++) {
      double rmssd = i <= 6 ? 30 : (i % 2 == 0 ? 40 : 60);
      lnBaseline.add(Math.log(rmssd));
      history.add(day(DAY.minusDays(i), null, rmssd, null, null));
    }
    history.add(day(DAY, null, 30.0, null, null));
    double mean = mean(lnBaseline);
    double sd = Math.max(sd(lnBaseline), 0.05);
    double lower = mean - 0.5 * sd;
    double m7 = Math.log(30);
    double expectedSub = Math.max(0, Math.min(100, 75 - 50 * (lower - m7) / sd));

    // when
    Contributor hrv = ReadinessCalculator.score(history, DAY).contributor("hrv").orElseThrow();

    // then
    assertThat(hrv.value()).isCloseTo(m7, within(1e-12));
    assertThat(hrv.baseline()).isCloseTo(mean, within(1e-12));
    assertThat(hrv.subScore()).isCloseTo(expectedSub, within(1e-9));
    assertThat(hrv.message()).contains("below your normal range");
  }

  @Test
  void scoresHrvInsideNormalRangeAtSeventyFive() {
    // given: constant 50 ms, so the 7-day mean sits on the baseline mean
    List<DailyMetrics> history = new ArrayList<>();
    for (int i = 0; i <= 30; i++) {
      history.add(day(DAY.minusDays(i), null, 50.0, null, null));
    }

    // then
    assertThat(ReadinessCalculator.score(history, DAY).contributor("hrv").orElseThrow().subScore())
        .isEqualTo(75.0);
  }

  @Test
  void penalisesAcuteChronicRatioAboveSafeBandAndHardPreviousDay() {
    // given: resting HR steady at 50; 21 days of 30 active minutes then 7 days of 60
    List<DailyMetrics> history = new ArrayList<>();
    for (int i = 1; i <= 28; i++) {
      double active = i <= 7 ? 60 : 30;
      history.add(day(DAY.minusDays(i), 50.0, null, null, active));
    }
    history.add(day(DAY, 50.0, null, null, null));
    double acute = 60;
    double chronic = (21 * 30 + 7 * 60) / 28.0;
    double acwr = acute / chronic;
    double loadSub = Math.max(0, Math.min(100, 100 - 200 * (acwr - 1.3)));
    double previousRatio = 60 / chronic;
    double previousSub = Math.max(0, Math.min(100, 100 - 50 * (previousRatio - 1.5)));
    double restingSub = 75;
    double expected = (0.25 * restingSub + 0.10 * loadSub + 0.10 * previousSub) / 0.45;

    // when
    ReadinessResult result = ReadinessCalculator.score(history, DAY);

    // then
    assertThat(result.contributor("training_load").orElseThrow().value())
        .isCloseTo(acwr, within(1e-12));
    assertThat(result.contributor("training_load").orElseThrow().subScore())
        .isCloseTo(loadSub, within(1e-9));
    assertThat(result.contributor("previous_day_activity").orElseThrow().subScore())
        .isCloseTo(previousSub, within(1e-9));
    assertThat(result.contributors().stream().mapToDouble(Contributor::weight).sum())
        .isCloseTo(1.0, within(1e-12));
    assertThat(result.score()).isEqualTo((int) Math.round(expected));
  }

  @Test
  void blendsModelForecastWithFixedWeight() {
    // given
    List<DailyMetrics> history = new ArrayList<>();
    for (int i = 0; i <= 20; i++) {
      history.add(day(DAY.minusDays(i), 50.0, null, null, null));
    }
    ReadinessResult rules = ReadinessCalculator.score(history, DAY);
    ModelRef model = new ModelRef("readiness-regression", "v1");

    // when
    ReadinessResult personal =
        ReadinessCalculator.personalize(rules, new ReadinessPrediction(8.0, 6.0, model));

    // then: rules alone give 75 (resting HR at baseline)
    assertThat(rules.score()).isEqualTo(75);
    assertThat(personal.score()).isEqualTo((int) Math.round(0.8 * 75 + 0.2 * 80));
    assertThat(personal.model()).isEqualTo(model);
    assertThat(personal.contributor("predicted_self_report").orElseThrow().weight()).isEqualTo(0.2);
  }

  @Test
  void ignoresDaysAfterTheScoredDay() {
    // given
    List<DailyMetrics> history = new ArrayList<>();
    for (int i = 0; i <= 20; i++) {
      history.add(day(DAY.minusDays(i), 50.0 + (i % 3), null, 420.0 + i, null));
    }
    List<DailyMetrics> withFuture = new ArrayList<>(history);
    withFuture.add(day(DAY.plusDays(1), 80.0, null, 100.0, null));

    // then
    assertThat(ReadinessCalculator.score(withFuture, DAY))
        .isEqualTo(ReadinessCalculator.score(history, DAY));
  }

  @Test
  void bandsFollowDocumentedThresholds() {
    assertThat(ReadinessBand.of(39)).isEqualTo(ReadinessBand.LOW);
    assertThat(ReadinessBand.of(40)).isEqualTo(ReadinessBand.MODERATE);
    assertThat(ReadinessBand.of(59)).isEqualTo(ReadinessBand.MODERATE);
    assertThat(ReadinessBand.of(60)).isEqualTo(ReadinessBand.GOOD);
    assertThat(ReadinessBand.of(79)).isEqualTo(ReadinessBand.GOOD);
    assertThat(ReadinessBand.of(80)).isEqualTo(ReadinessBand.HIGH);
  }

  static DailyMetrics day(
      LocalDate date, Double restingHr, Double hrv, Double sleep, Double activeMinutes) {
    return new DailyMetrics(
        USER,
        date,
        null,
        activeMinutes,
        null,
        restingHr,
        hrv,
        sleep,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        List.of("test"));
  }

  static double mean(List<Double> values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.size();
  }

  static double sd(List<Double> values) {
    double m = mean(values);
    double sum = 0;
    for (double v : values) {
      sum += (v - m) * (v - m);
    }
    return Math.sqrt(sum / values.size());
  }
}
