package org.vitalake.lakehouse.export;

import java.time.LocalDate;

/**
 * The days an export covers, both ends inclusive; a missing end is open.
 *
 * @param from first day, or null for no lower bound
 * @param to last day, or null for no upper bound
 */
public record DayRange(LocalDate from, LocalDate to) {

  /** Every day. */
  public static final DayRange ALL = new DayRange(null, null);

  public DayRange {
    if (from != null && to != null && from.isAfter(to)) {
      throw new IllegalArgumentException(
          "the day range is reversed: from " + from + " is after to " + to);
    }
  }

  /** True when neither end is set. */
  public boolean unbounded() {
    return from == null && to == null;
  }

  /** Whether {@code day} lies in the range; a row without a day lies only in the unbounded one. */
  public boolean contains(LocalDate day) {
    if (day == null) {
      return unbounded();
    }
    return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
  }

  @Override
  public String toString() {
    if (unbounded()) {
      return "all days";
    }
    return (from == null ? "the first day" : from.toString())
        + " to "
        + (to == null ? "the last day" : to.toString());
  }
}
