package org.vitalake.serving.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;
import java.util.List;
import org.vitalake.core.daily.DailyMetrics;

/** One day of {@code gold.daily_metrics} as the API shows it; {@code null} means no data. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DailyMetricsResponse(
    LocalDate date,
    @Nullable Long steps,
    @Nullable Double activeMinutes,
    @Nullable Double energyOutKcal,
    @Nullable Double restingHr,
    @Nullable Double hrvRmssdMs,
    @Nullable Double sleepMinutes,
    @Nullable Double sleepEfficiency,
    @Nullable Double deepSleepMinutes,
    @Nullable Double remSleepMinutes,
    @Nullable Double energyInKcal,
    @Nullable Double proteinG,
    @Nullable Double mood,
    @Nullable Double coverage,
    List<String> sources) {

  static DailyMetricsResponse of(DailyMetrics d) {
    return new DailyMetricsResponse(
        d.localDate(),
        d.steps(),
        d.activeMinutes(),
        d.energyOutKcal(),
        d.restingHr(),
        d.hrvRmssdMs(),
        d.sleepMinutes(),
        d.sleepEfficiency(),
        d.deepSleepMinutes(),
        d.remSleepMinutes(),
        d.energyInKcal(),
        d.proteinG(),
        d.mood(),
        d.coverage(),
        d.sources());
  }

  /** A user's days in a range; days the nightly run has no row for are absent. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record History(
      String userId, LocalDate from, LocalDate to, List<DailyMetricsResponse> days) {}
}
