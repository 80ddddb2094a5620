package org.vitalake.coaching.pmdata;

import java.util.List;
import java.util.Objects;
import org.vitalake.coaching.features.DayObservation;

/** One PMData participant ({@code p01}...) with their days in date order. */
public record PmDataParticipant(String id, List<DayObservation> days) {

  public PmDataParticipant {
    Objects.requireNonNull(id, "id");
    days = List.copyOf(days);
  }

  /** Number of days with a self-reported readiness. */
  public long labelledDays() {
    return days.stream().filter(d -> d.selfReportedReadiness() != null).count();
  }
}
