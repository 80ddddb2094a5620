package org.vitalake.ingest.sync;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.metric.MetricKind;
import org.vitalake.core.metric.Unit;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.InvalidSampleException;
import org.vitalake.core.sample.Sample;
import org.vitalake.core.sample.SampleFactory;
import org.vitalake.ingest.problem.ProblemException;
import org.vitalake.ingest.sync.SyncResponse.RejectedPoint;

/**
 * Maps a {@link SyncRequest} to core {@link Sample}s: request-level problems (no source, bad device
 * type, too many points) refuse the request; point-level problems reject only that point, by index,
 * with a reason naming the field.
 *
 * <p>Core requires an end for amounts and sessions; the seed contract's points are {@code {type,
 * value, timestamp}}, so a point without {@code endTimestamp} gets the end it implies ({@link
 * #impliedEnd}).
 */
public final class DataPointMapper {

  private final int maxPoints;

  /**
   * @param maxPoints the batch limit; more points in one request are refused with 413
   */
  public DataPointMapper(int maxPoints) {
    if (maxPoints < 1) {
      throw new IllegalArgumentException("maxPoints must be at least 1, was " + maxPoints);
    }
    this.maxPoints = maxPoints;
  }

  /**
   * The samples and rejections of one request.
   *
   * @param samples valid points, in request order
   * @param rejected invalid points, in request order
   */
  public record MappedPoints(List<Sample> samples, List<RejectedPoint> rejected) {}

  /**
   * Validates the request-level fields of {@code request}.
   *
   * @return the user the request names
   * @throws ProblemException 400 naming the field, or 413 above the batch limit
   */
  public UserId requireValidEnvelope(SyncRequest request) {
    if (request == null) {
      throw ProblemException.invalid(
          "body", "a JSON object with userId, source and dataPoints is required");
    }
    UserId userId;
    if (request.userId() == null || request.userId().isBlank()) {
      throw ProblemException.invalid("userId", "userId is required");
    }
    try {
      userId = UserId.of(request.userId());
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalid("userId", e.getMessage());
    }
    if (request.source() == null || request.source().isBlank()) {
      throw ProblemException.invalid("source", "source (the app or vendor) is required");
    }
    if (request.deviceType() != null) {
      try {
        DeviceType.parse(request.deviceType());
      } catch (IllegalArgumentException e) {
        throw ProblemException.invalid("deviceType", e.getMessage());
      }
    }
    if (request.dataPoints() == null || request.dataPoints().isEmpty()) {
      throw ProblemException.invalid("dataPoints", "dataPoints must hold at least one point");
    }
    if (request.dataPoints().size() > maxPoints) {
      throw ProblemException.tooLarge(
          "dataPoints",
          "dataPoints holds "
              + request.dataPoints().size()
              + " points; at most "
              + maxPoints
              + " are accepted per request, split the batch");
    }
    return userId;
  }

  /**
   * Maps every point of a request whose envelope is valid; {@code now} bounds future timestamps.
   */
  public MappedPoints map(SyncRequest request, UserId userId, Instant now) {
    Objects.requireNonNull(now, "now");
    DeviceType deviceType =
        request.deviceType() == null ? DeviceType.UNKNOWN : DeviceType.parse(request.deviceType());
    List<SyncRequest.DataPoint> points = request.dataPoints();
    List<Sample> samples = new ArrayList<>(points.size());
    List<RejectedPoint> rejected = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      SyncRequest.DataPoint point = points.get(i);
      try {
        samples.add(toSample(point, userId, request, deviceType, now));
      } catch (PointException e) {
        rejected.add(new RejectedPoint(i, e.field, e.field + ": " + e.getMessage()));
      } catch (InvalidSampleException e) {
        String field = clientFieldName(e.field());
        rejected.add(new RejectedPoint(i, field, field + ": " + e.getMessage()));
      } catch (IllegalArgumentException e) {
        rejected.add(new RejectedPoint(i, "dataPoint", "dataPoint: " + e.getMessage()));
      }
    }
    return new MappedPoints(List.copyOf(samples), List.copyOf(rejected));
  }

  private static Sample toSample(
      SyncRequest.DataPoint point,
      UserId userId,
      SyncRequest request,
      DeviceType deviceType,
      Instant now) {
    if (point == null) {
      throw new PointException("dataPoint", "must be an object with type, value and timestamp");
    }
    if (point.type() == null || point.type().isBlank()) {
      throw new PointException("type", "is required (a metric code such as heart_rate or steps)");
    }
    double value = number(point.value());
    IsoTimestamp start = timestamp("timestamp", point.timestamp(), true);
    IsoTimestamp end = timestamp("endTimestamp", point.endTimestamp(), false);
    ZoneOffset offset =
        point.zoneOffset() != null ? zoneOffset(point.zoneOffset()) : start.offset();
    String device =
        point.device() != null && !point.device().isBlank() ? point.device() : request.device();
    Instant implied =
        end == null ? impliedEnd(point.type(), value, point.unit(), start.instant()) : null;
    try {
      return SampleFactory.create(
          userId,
          point.type(),
          value,
          point.unit(),
          start.instant(),
          end != null ? end.instant() : implied,
          offset,
          request.source(),
          device,
          deviceType,
          now);
    } catch (InvalidSampleException e) {
      if (implied != null && e.field().equals("end")) {
        // the client sent no end: say which of its fields put the implied one out of bounds
        throw new PointException(
            "timestamp",
            e.getMessage()
                + "; without endTimestamp the end is the timestamp plus the value in minutes");
      }
      throw e;
    }
  }

  /**
   * The end a point without {@code endTimestamp} implies, or {@code null} when it implies none or
   * core will reject the point anyway (unknown type or unit, value out of range: core's message
   * names that field, as before).
   *
   * <ul>
   *   <li>A duration in minutes (workout, sleep_session, active_minutes) ends that many minutes
   *       after its start: its interval cannot be shorter than the time it measures.
   *   <li>Any other amount (steps, distance, energy, floors) was reported at that instant: the end
   *       is the start, a zero-length interval.
   *   <li>An instantaneous reading needs no end, and a sleep_stage's value is a stage code, not a
   *       length, so it still needs {@code endTimestamp}.
   * </ul>
   */
  static Instant impliedEnd(String type, double value, String unit, Instant start) {
    Metric metric;
    double canonical;
    try {
      metric = Metric.parse(type);
      // most points without an end are readings (heart rate): nothing more to work out for them
      if (!metric.kind().requiresEnd()) {
        return null;
      }
      Unit parsed =
          unit == null || unit.isBlank() ? metric.canonicalUnit() : metric.parseUnit(unit);
      canonical = metric.toCanonical(value, parsed);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (!Double.isFinite(canonical) || !metric.isInRange(canonical)) {
      return null;
    }
    if (metric.canonicalUnit() == Unit.MINUTE) {
      return start.plusMillis(Math.round(canonical * 60_000));
    }
    return metric.kind() == MetricKind.INTERVAL_TOTAL ? start : null;
  }

  private static double number(Object value) {
    if (value == null) {
      throw new PointException("value", "is required (a number in the point's unit)");
    }
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof String s) {
      try {
        return Double.parseDouble(s.strip());
      } catch (NumberFormatException e) {
        throw new PointException("value", "'" + s + "' is not a number");
      }
    }
    throw new PointException("value", "must be a number, was " + describe(value));
  }

  private static IsoTimestamp timestamp(String field, Object value, boolean required) {
    if (value == null) {
      if (required) {
        throw new PointException(
            field, "is required (ISO-8601 with offset, e.g. 2025-11-21T07:30:00+01:00)");
      }
      return null;
    }
    if (!(value instanceof String text)) {
      throw new PointException(field, "must be an ISO-8601 string, was " + describe(value));
    }
    try {
      return IsoTimestamp.parse(text);
    } catch (IllegalArgumentException e) {
      throw new PointException(field, e.getMessage());
    }
  }

  private static ZoneOffset zoneOffset(Object value) {
    try {
      return IsoTimestamp.parseZoneOffset(value);
    } catch (IllegalArgumentException e) {
      throw new PointException("zoneOffset", e.getMessage());
    }
  }

  /** Core names the interval fields start/end; clients know them as timestamp/endTimestamp. */
  private static String clientFieldName(String coreField) {
    return switch (coreField) {
      case "start" -> "timestamp";
      case "end" -> "endTimestamp";
      default -> coreField;
    };
  }

  private static String describe(Object value) {
    if (value instanceof java.util.Map) {
      return "an object";
    }
    if (value instanceof java.util.List) {
      return "an array";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    return "'" + value + "'";
  }

  /** A point-level problem found before core sees the point. */
  private static final class PointException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    PointException(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }
  }
}
