package org.vitalake.ingest.sync;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.vitalake.core.id.UserId;
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
    return SampleFactory.create(
        userId,
        point.type(),
        value,
        point.unit(),
        start.instant(),
        end == null ? null : end.instant(),
        offset,
        request.source(),
        device,
        deviceType,
        now);
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
