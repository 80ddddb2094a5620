package org.vitalake.core.daily;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.UserId;

class DailyMetricsTest {

  private static final UserId USER = UserId.of("u1");
  private static final LocalDate DAY = LocalDate.of(2024, 3, 10);

  private static DailyMetrics day(Double restingHr, Double sleepEfficiency, Double coverage) {
    return new DailyMetrics(
        USER,
        DAY,
        8_500L,
        42.0,
        2_300.0,
        restingHr,
        55.0,
        430.0,
        sleepEfficiency,
        80.0,
        95.0,
        2_100.0,
        110.0,
        3.5,
        coverage,
        List.of("fitbit"));
  }

  @Test
  void acceptsAPlausibleDay() {
    assertThat(day(58.0, 0.91, 0.95).steps()).isEqualTo(8_500L);
  }

  @Test
  void emptyDayHasNoData() {
    // when
    DailyMetrics empty = DailyMetrics.empty(USER, DAY);

    // then
    assertThat(empty.steps()).isNull();
    assertThat(empty.restingHr()).isNull();
    assertThat(empty.sources()).isEmpty();
  }

  @Test
  void rejectsASleepEfficiencyGivenAsPercent() {
    assertThatThrownBy(() -> day(58.0, 91.0, 0.95))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sleepEfficiency 91.0 on 2024-03-10 is outside the allowed range 0.0-1.0");
  }

  @Test
  void rejectsARestingHeartRateOutsideItsPhysiologicalRange() {
    assertThatThrownBy(() -> day(160.0, 0.9, 0.9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("restingHr 160.0")
        .hasMessageContaining("25.0-150.0");
  }

  @Test
  void rejectsCoverageAboveOne() {
    assertThatThrownBy(() -> day(58.0, 0.9, 1.01))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("coverage 1.01");
  }
}
