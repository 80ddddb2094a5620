package org.vitalake.serving.realtime;

import java.time.Instant;
import java.util.Objects;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;

/**
 * One bronze wearable sample as the near-real-time view needs it.
 *
 * @param value in the metric's canonical unit
 * @param end end of an interval or session, or {@code null} for an instantaneous reading
 * @param zoneOffsetSeconds the offset the sample was recorded in, or {@code null} when unknown
 * @param sampleKey natural key of the sample, so a re-sent sample is counted once
 */
public record WearableEvent(
    UserId userId,
    Metric metric,
    double value,
    Instant start,
    Instant end,
    Integer zoneOffsetSeconds,
    String source,
    String sampleKey,
    Instant receivedAt) {

  public WearableEvent {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(receivedAt, "receivedAt");
    source = source == null ? "unknown" : source;
    sampleKey = sampleKey == null ? "" : sampleKey;
  }
}
