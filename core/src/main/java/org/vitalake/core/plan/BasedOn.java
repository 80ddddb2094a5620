package org.vitalake.core.plan;

import java.time.LocalDate;
import java.util.List;

/**
 * What a plan was computed from, so it can be reproduced and explained.
 *
 * @param historyFrom first day of history read, or {@code null} when there was none
 * @param historyTo last day of history read (the plan date at most), or {@code null}
 * @param inputs the inputs used, e.g. {@code daily_metrics}, {@code profile}, {@code readiness},
 *     {@code anomaly}
 * @param defaultsUsed stated assumptions where data was missing, e.g. {@code weight 70 kg}
 */
public record BasedOn(
    LocalDate historyFrom, LocalDate historyTo, List<String> inputs, List<String> defaultsUsed) {

  public BasedOn {
    inputs = List.copyOf(inputs);
    defaultsUsed = List.copyOf(defaultsUsed);
    if (historyFrom != null && historyTo != null && historyFrom.isAfter(historyTo)) {
      throw new IllegalArgumentException(
          "historyFrom " + historyFrom + " is after historyTo " + historyTo);
    }
  }
}
