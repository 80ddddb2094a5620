package org.vitalake.ingest.sync;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Body of {@code POST /sync}: a batch of data points from one source for one user.
 *
 * @param userId the user the points belong to; must be the token's subject unless the token has the
 *     role service or admin
 * @param source the app or vendor, e.g. {@code apple_health}, {@code fitbit}
 * @param device default device model for points that name none
 * @param deviceType watch, ring, phone, scale, chest_strap, manual or unknown
 * @param dataPoints the points; at most the documented batch limit
 */
@Serdeable
public record SyncRequest(
    @Nullable @Schema(example = "u-1b2c3d") String userId,
    @Nullable @Schema(example = "apple_health") String source,
    @Nullable @Schema(example = "Apple Watch Series 9") String device,
    @Nullable @Schema(example = "watch") String deviceType,
    @Nullable List<DataPoint> dataPoints) {

  /**
   * One measurement. Fields are loosely typed on purpose: a bad point is reported by index while
   * its neighbours are kept, instead of failing the whole body.
   *
   * @param type metric code or alias: heart_rate, steps, sleep_stage, weight, ...
   * @param value number in {@code unit}
   * @param timestamp ISO-8601 with offset or Z: the reading, or the interval start
   * @param endTimestamp ISO-8601 end of an interval or session; optional (the seed contract's
   *     points are {@code {type, value, timestamp}}). Without it a duration in minutes (workout,
   *     sleep_session, active_minutes) ends {@code value} minutes (converted from {@code unit})
   *     after {@code timestamp}, any other amount (steps, distance, energy, floors) is read as
   *     reported at {@code timestamp} (end = start, a zero-length interval), and a sleep_stage,
   *     whose value is a stage code, is rejected for want of an end
   * @param unit unit as sent (bpm, count, km, lb, kJ, ...); absent means the canonical unit
   * @param zoneOffset the device's offset, {@code "+02:00"} or seconds; overrides the timestamp's
   * @param device device model of this point
   */
  @Serdeable
  public record DataPoint(
      @Nullable @Schema(example = "heart_rate") String type,
      @Nullable @Schema(type = "number", example = "72") Object value,
      @Nullable @Schema(type = "string", example = "2025-11-21T07:30:00+01:00") Object timestamp,
      @Nullable
          @Schema(
              type = "string",
              example = "2025-11-21T07:45:00+01:00",
              description = END_TIMESTAMP_RULE)
          Object endTimestamp,
      @Nullable @Schema(example = "bpm") String unit,
      @Nullable @Schema(type = "string", example = "+01:00") Object zoneOffset,
      @Nullable String device) {

    /** How a point without {@code endTimestamp} is read; shown in the OpenAPI document. */
    static final String END_TIMESTAMP_RULE =
        "ISO-8601 end of an interval or session; optional. Without it, a duration in minutes"
            + " (workout, sleep_session, active_minutes) ends value minutes (converted from unit)"
            + " after timestamp; any other amount (steps, distance, active_energy, basal_energy,"
            + " floors) is read as reported at timestamp (end = timestamp, a zero-length"
            + " interval); a sleep_stage, whose value is a stage code, still needs it.";
  }
}
