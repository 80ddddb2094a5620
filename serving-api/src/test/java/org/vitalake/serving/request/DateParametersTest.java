package org.vitalake.serving.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.vitalake.serving.problem.ProblemException;

class DateParametersTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 3, 14);

  @Test
  void rangeDefaultsToTheThirtyDaysEndingToday() {
    DateParameters.DateRange range = DateParameters.range(null, null, TODAY);
    assertThat(range.to()).isEqualTo(TODAY);
    assertThat(range.from()).isEqualTo(TODAY.minusDays(DateParameters.DEFAULT_RANGE_DAYS - 1L));
  }

  @Test
  void rejectsARangeLongerThanTheMaximumNamingTheLimit() {
    LocalDate from = TODAY.minusDays(DateParameters.MAX_RANGE_DAYS);
    assertThatThrownBy(() -> DateParameters.range(from.toString(), TODAY.toString(), TODAY))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining(Integer.toString(DateParameters.MAX_RANGE_DAYS));
    assertThat(DateParameters.range(from.plusDays(1).toString(), TODAY.toString(), TODAY).from())
        .isEqualTo(from.plusDays(1));
  }

  @Test
  void rejectsFromAfterTo() {
    assertThatThrownBy(() -> DateParameters.range("2026-03-10", "2026-03-01", TODAY))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.field()).contains("from"));
  }

  @Test
  void rejectsAMalformedDateNamingTheField() {
    assertThatThrownBy(() -> DateParameters.parse("date", "14/03/2026", TODAY))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.field()).contains("date");
              assertThat(e.getMessage()).contains("YYYY-MM-DD");
            });
  }

  @Test
  void rejectsAnExtremeYearInsteadOfOverflowingTheRange() {
    // LocalDate parses it, but 30 days before it does not exist
    assertThatThrownBy(() -> DateParameters.range(null, "-999999999-01-01", TODAY))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.field()).contains("to"));
    assertThatThrownBy(() -> DateParameters.parse("date", "+10000-01-01", TODAY))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.getMessage()).contains("1900-2200"));
  }
}
