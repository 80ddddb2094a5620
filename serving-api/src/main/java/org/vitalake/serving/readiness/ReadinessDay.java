package org.vitalake.serving.readiness;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One day of {@code gold.readiness}: score 0-100 and band, or no score with the reason.
 *
 * @param contributors the stored contributors and baseline windows, as the nightly run wrote them
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReadinessDay(
    LocalDate date,
    @Nullable Integer score,
    @Nullable String band,
    @Nullable Object contributors,
    @Nullable String reason,
    @Nullable Instant computedAt) {

  /** A user's readiness in a range; days without a row are absent. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record History(String userId, LocalDate from, LocalDate to, List<ReadinessDay> days) {}
}
