package org.vitalake.serving.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.vitalake.serving.realtime.DayTotals;

/**
 * Today's numbers for one user as far as they have arrived, minutes or seconds old; {@code null}
 * measures have no data yet today.
 *
 * @param date the user's local date
 * @param timeZone the zone "today" is reckoned in
 * @param live whether the near-real-time view has caught up with bronze since the service started
 * @param bronzeSnapshots the bronze snapshots the numbers include
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TodaySummary(
    String userId,
    LocalDate date,
    String timeZone,
    @Nullable Long steps,
    @Nullable Double activeEnergyKcal,
    @Nullable Double energyInKcal,
    @Nullable Double proteinG,
    @Nullable Double latestHeartRate,
    @Nullable Instant latestHeartRateAt,
    @Nullable Double sleepMinutes,
    @Nullable Double restingHr,
    @Nullable Double hrvRmssdMs,
    long samples,
    List<String> sources,
    @Nullable Instant lastReceivedAt,
    boolean live,
    Map<String, Long> bronzeSnapshots) {

  static TodaySummary of(
      DayTotals t, String timeZone, boolean live, Map<String, Long> bronzeSnapshots) {
    return new TodaySummary(
        t.userId().value(),
        t.date(),
        timeZone,
        t.steps(),
        t.activeEnergyKcal(),
        t.energyInKcal(),
        t.proteinG(),
        t.latestHeartRate(),
        t.latestHeartRateAt(),
        t.sleepMinutes(),
        t.restingHr(),
        t.hrvRmssdMs(),
        t.samples(),
        t.sources(),
        t.lastReceivedAt(),
        live,
        bronzeSnapshots);
  }
}
