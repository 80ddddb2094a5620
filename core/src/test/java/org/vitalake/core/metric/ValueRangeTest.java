package org.vitalake.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValueRangeTest {

  @Test
  void containsBothBoundsAndNothingOutside() {
    // given
    ValueRange range = ValueRange.of(1.5, 2.5);

    // then
    assertThat(range.contains(1.5)).isTrue();
    assertThat(range.contains(2.0)).isTrue();
    assertThat(range.contains(2.5)).isTrue();
    assertThat(range.contains(1.4999)).isFalse();
    assertThat(range.contains(2.5001)).isFalse();
    assertThat(range.contains(Double.NaN)).isFalse();
  }

  @Test
  void describesItselfWithTheUnitSymbol() {
    assertThat(ValueRange.of(20, 250).describe(Unit.BEATS_PER_MINUTE)).isEqualTo("20.0-250.0 bpm");
  }

  @Test
  void rejectsAMinimumAboveTheMaximum() {
    assertThatThrownBy(() -> ValueRange.of(10, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10.0")
        .hasMessageContaining("5.0");
  }

  @Test
  void rejectsInfiniteBounds() {
    assertThatThrownBy(() -> ValueRange.of(0, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finite");
  }
}
