package org.vitalake.core.plan;

/**
 * How much of the user's recent data the plan could use, over the {@code windowDays} days up to and
 * including the plan date.
 */
public record DataCoverage(
    int windowDays, int daysWithWearableData, int nightsWithSleep, int daysWithJournal) {

  public DataCoverage {
    if (windowDays < 1) {
      throw new IllegalArgumentException("windowDays " + windowDays + " must be at least 1");
    }
    for (int count : new int[] {daysWithWearableData, nightsWithSleep, daysWithJournal}) {
      if (count < 0 || count > windowDays) {
        throw new IllegalArgumentException(
            "coverage count " + count + " is outside the allowed range 0-" + windowDays);
      }
    }
  }
}
