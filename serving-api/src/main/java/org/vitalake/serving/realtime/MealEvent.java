package org.vitalake.serving.realtime;

import java.time.Instant;
import java.util.Objects;
import org.vitalake.core.id.UserId;

/**
 * A meal from bronze journal entries: the energy and protein it adds to the day.
 *
 * @param energyKcal kcal, or {@code null} when the entry gave none
 * @param proteinG grams, or {@code null} when the entry gave none
 */
public record MealEvent(
    UserId userId,
    String entryId,
    Instant occurredAt,
    Integer zoneOffsetSeconds,
    Double energyKcal,
    Double proteinG,
    Instant receivedAt) {

  public MealEvent {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(entryId, "entryId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
