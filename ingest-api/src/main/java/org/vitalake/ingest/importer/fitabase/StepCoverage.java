package org.vitalake.ingest.importer.fitabase;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * The local hours for which each participant's steps have been taken, so that a coarser step table
 * adds only the hours and days that no finer table holds.
 *
 * <p>A Fitabase export holds the same steps at three granularities, and its tables need not cover
 * the same days: in the crowd-sourced export the minute table starts a day after the hourly and
 * daily ones. Step tables are read finest first; each row a table maps is marked as pending, and
 * {@link #tableDone()} makes the marks count for the tables read after it. A table therefore never
 * hides its own rows: two minute rows of one hour are both kept.
 *
 * <p>Hours are local wall-clock hours (the files have no zone), kept as a 24-bit mask per local
 * date, so the memory is a map entry per participant-day.
 */
final class StepCoverage {

  private static final int WHOLE_DAY = (1 << 24) - 1;

  private final Map<String, Map<Long, Integer>> done = new HashMap<>();
  private final Map<String, Map<Long, Integer>> pending = new HashMap<>();

  /** Whether a table read before the current one holds steps for this local hour. */
  boolean holdsHour(String participant, LocalDateTime hour) {
    return (mask(done, participant, hour.toLocalDate()) & bit(hour)) != 0;
  }

  /** Whether a table read before the current one holds steps for any hour of this local day. */
  boolean holdsAnyOf(String participant, LocalDate day) {
    return mask(done, participant, day) != 0;
  }

  /** Marks one local hour as taken by the table being read. */
  void takeHour(String participant, LocalDateTime hour) {
    take(participant, hour.toLocalDate(), bit(hour));
  }

  /** Marks a whole local day as taken by the table being read. */
  void takeDay(String participant, LocalDate day) {
    take(participant, day, WHOLE_DAY);
  }

  /** The table being read is finished: what it took now hides the rows of coarser tables. */
  void tableDone() {
    pending.forEach(
        (participant, days) -> {
          Map<Long, Integer> into = done.computeIfAbsent(participant, p -> new HashMap<>());
          days.forEach((day, mask) -> into.merge(day, mask, (a, b) -> a | b));
        });
    pending.clear();
  }

  private void take(String participant, LocalDate day, int bits) {
    pending
        .computeIfAbsent(participant, p -> new HashMap<>())
        .merge(day.toEpochDay(), bits, (a, b) -> a | b);
  }

  private static int mask(
      Map<String, Map<Long, Integer>> masks, String participant, LocalDate day) {
    Map<Long, Integer> days = masks.get(participant);
    return days == null ? 0 : days.getOrDefault(day.toEpochDay(), 0);
  }

  private static int bit(LocalDateTime hour) {
    return 1 << hour.getHour();
  }
}
