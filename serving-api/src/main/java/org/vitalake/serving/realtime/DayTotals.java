package org.vitalake.serving.realtime;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.vitalake.core.id.UserId;

/**
 * A user's local day as far as it has arrived in bronze: running totals and the latest readings.
 * Every measure is {@code null} when nothing has arrived for it.
 *
 * @param steps steps of the source that counted the most (watch and phone both count steps)
 * @param activeEnergyKcal active energy of the source that counted the most
 * @param energyInKcal energy of the meals logged for the day
 * @param proteinG protein of the meals logged for the day
 * @param latestHeartRate the most recent heart rate reading, bpm
 * @param latestHeartRateAt when it was measured
 * @param sleepMinutes minutes asleep in the sleep that ended this day (sessions, else stages)
 * @param restingHr the latest resting heart rate of the day, bpm
 * @param hrvRmssdMs the latest HRV (rMSSD) of the day, ms
 * @param sleepReceivedAt when the last sleep data for the day arrived
 * @param restingHrReceivedAt when the resting heart rate arrived
 * @param hrvReceivedAt when the HRV arrived
 * @param lastReceivedAt when anything for the day last arrived
 * @param samples samples and meals counted
 * @param sources sources that contributed, sorted
 */
public record DayTotals(
    UserId userId,
    LocalDate date,
    Long steps,
    Double activeEnergyKcal,
    Double energyInKcal,
    Double proteinG,
    Double latestHeartRate,
    Instant latestHeartRateAt,
    Double sleepMinutes,
    Double restingHr,
    Double hrvRmssdMs,
    Instant sleepReceivedAt,
    Instant restingHrReceivedAt,
    Instant hrvReceivedAt,
    Instant lastReceivedAt,
    long samples,
    List<String> sources) {

  public DayTotals {
    sources = List.copyOf(sources);
  }

  /** An empty day: nothing has arrived yet. */
  public static DayTotals empty(UserId userId, LocalDate date) {
    return new DayTotals(
        userId, date, null, null, null, null, null, null, null, null, null, null, null, null, null,
        0, List.of());
  }
}
