package org.vitalake.ingest.importer.fitabase;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class StepCoverageTest {

  private static final LocalDateTime TEN = LocalDateTime.parse("2016-04-12T10:00");

  @Test
  void hoursTakenByATableHideOnlyTheTablesReadAfterIt() {
    // given
    StepCoverage coverage = new StepCoverage();

    // when: a minute table takes 10:00 twice (two minutes of one hour)
    coverage.takeHour("p1", TEN.plusMinutes(1));
    boolean secondMinuteHidden = coverage.holdsHour("p1", TEN.plusMinutes(2));
    coverage.takeHour("p1", TEN.plusMinutes(2));
    coverage.tableDone();

    // then
    assertThat(secondMinuteHidden).isFalse();
    assertThat(coverage.holdsHour("p1", TEN)).isTrue();
    assertThat(coverage.holdsHour("p1", TEN.plusHours(1))).isFalse();
    assertThat(coverage.holdsHour("p2", TEN)).isFalse();
    assertThat(coverage.holdsAnyOf("p1", TEN.toLocalDate())).isTrue();
    assertThat(coverage.holdsAnyOf("p1", TEN.toLocalDate().plusDays(1))).isFalse();
  }

  @Test
  void aDayTakenByOneDailyTableHidesThatDayFromTheNext() {
    // given
    StepCoverage coverage = new StepCoverage();
    LocalDate day = TEN.toLocalDate();

    // when
    coverage.takeDay("p1", day);
    boolean hiddenWhileItsTableIsRead = coverage.holdsAnyOf("p1", day);
    coverage.tableDone();

    // then
    assertThat(hiddenWhileItsTableIsRead).isFalse();
    assertThat(coverage.holdsAnyOf("p1", day)).isTrue();
    assertThat(coverage.holdsHour("p1", day.atTime(23, 0))).isTrue();
  }
}
