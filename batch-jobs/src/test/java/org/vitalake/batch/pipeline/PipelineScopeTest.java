package org.vitalake.batch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineScopeTest {

  @Test
  void aScopeSurvivesTheJobRepositoryWithItsArrivalBound() {
    // given
    Instant bound = Instant.parse("2026-03-29T01:15:00.123Z");
    PipelineScope scope =
        new PipelineScope(
            false,
            LocalDate.of(2026, 3, 29),
            Map.of(
                "bronze.wearable_samples", new PipelineScope.SnapshotRange(11L, 42L, bound),
                "bronze.journal_entries", new PipelineScope.SnapshotRange(7L, 7L),
                "bronze.user_profiles", new PipelineScope.SnapshotRange(null, null)),
            Instant.parse("2026-03-29T02:00:00Z"),
            "because");

    // when
    PipelineScope read = PipelineScope.fromContext(new HashMap<>(scope.toContext()));

    // then
    assertThat(read).isEqualTo(scope);
    assertThat(read.range("bronze.wearable_samples").arrivedAfter()).isEqualTo(bound);
    assertThat(read.range("bronze.journal_entries").isEmpty()).isTrue();
  }

  @Test
  void aScopeStoredBeforeArrivalBoundsExistedStillReads() {
    // given the two-part form of earlier runs
    Map<String, Object> context = new HashMap<>();
    context.put(PipelineScope.KEY_FULL, "false");
    context.put(PipelineScope.KEY_RANGES, "bronze.wearable_samples=5:9");
    context.put(PipelineScope.KEY_DATA_AS_OF, "2026-01-01T00:00:00Z");

    // when
    PipelineScope.SnapshotRange range =
        PipelineScope.fromContext(context).range("bronze.wearable_samples");

    // then
    assertThat(range).isEqualTo(new PipelineScope.SnapshotRange(5L, 9L, null));
  }
}
