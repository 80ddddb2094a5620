package org.vitalake.lakehouse.export;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The column that places a table's rows on a day, so an export can be limited to a {@link
 * DayRange}.
 *
 * <p>Silver and gold rows carry the user's {@code local_date} (or {@code plan_date}); a bronze row
 * is placed on the local day of its measurement or entry time, using the offset it was recorded in
 * ({@code zone_offset_seconds}) as silver does, and on the UTC day when it has none. Profile
 * snapshots, consent decisions and erasure requests are placed on the UTC day they were taken.
 *
 * @param name the date or timestamp column
 * @param timestamp true for a timestamp column, false for a date column
 * @param offsetColumn the column holding the row's UTC offset in seconds, or null
 */
public record DayColumn(String name, boolean timestamp, String offsetColumn) {

  /** Day columns in order of preference; the first one a table has is used. */
  public static final List<String> CANDIDATES =
      List.of(
          "local_date",
          "plan_date",
          "start_time",
          "occurred_at",
          "updated_at",
          "recorded_at",
          "requested_at");

  /** The column holding a bronze row's UTC offset in seconds. */
  public static final String OFFSET_COLUMN = "zone_offset_seconds";

  /** The widest UTC offset there is (java.time allows +-18 hours). */
  private static final long MAX_OFFSET_SECONDS = 18 * 3600;

  public DayColumn {
    Objects.requireNonNull(name, "name");
    if (offsetColumn != null && !timestamp) {
      throw new IllegalArgumentException(
          "date column " + name + " has no offset; only a timestamp column is read with one");
    }
  }

  /**
   * The day column of {@code schema}: the first of {@link #CANDIDATES} that is a date or a
   * microsecond timestamp; empty when there is none.
   */
  public static Optional<DayColumn> find(Schema schema) {
    for (String candidate : CANDIDATES) {
      Types.NestedField field = schema.findField(candidate);
      if (field == null) {
        continue;
      }
      Type.TypeID type = field.type().typeId();
      if (type == Type.TypeID.DATE) {
        return Optional.of(new DayColumn(candidate, false, null));
      }
      if (type == Type.TypeID.TIMESTAMP) {
        Types.NestedField offset = schema.findField(OFFSET_COLUMN);
        boolean hasOffset = offset != null && offset.type().typeId() == Type.TypeID.INTEGER;
        return Optional.of(new DayColumn(candidate, true, hasOffset ? OFFSET_COLUMN : null));
      }
    }
    return Optional.empty();
  }

  /** The columns {@link #dayOf} reads. */
  public List<String> columns() {
    List<String> columns = new ArrayList<>();
    columns.add(name);
    if (offsetColumn != null) {
      columns.add(offsetColumn);
    }
    return columns;
  }

  /**
   * A filter Iceberg can push into the scan to prune files and row groups: exact for a date column,
   * widened by the largest possible offset for a timestamp whose day depends on the row's offset;
   * {@link #dayOf} decides for each row.
   */
  public Expression filter(DayRange range) {
    if (range.unbounded()) {
      return Expressions.alwaysTrue();
    }
    Expression filter = Expressions.notNull(name);
    if (!timestamp) {
      if (range.from() != null) {
        filter =
            Expressions.and(filter, Expressions.greaterThanOrEqual(name, range.from().toString()));
      }
      if (range.to() != null) {
        filter = Expressions.and(filter, Expressions.lessThanOrEqual(name, range.to().toString()));
      }
      return filter;
    }
    long slack = offsetColumn == null ? 0 : MAX_OFFSET_SECONDS;
    if (range.from() != null) {
      Instant start = range.from().atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(slack);
      filter = Expressions.and(filter, Expressions.greaterThanOrEqual(name, micros(start)));
    }
    if (range.to() != null) {
      Instant end =
          range.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(slack);
      filter = Expressions.and(filter, Expressions.lessThan(name, micros(end)));
    }
    return filter;
  }

  /** The day {@code row} belongs to, or null when its day column is empty. */
  public LocalDate dayOf(Record row) {
    Object value = row.getField(name);
    if (value == null) {
      return null;
    }
    if (value instanceof LocalDate date) {
      return date;
    }
    Instant instant;
    if (value instanceof OffsetDateTime odt) {
      instant = odt.toInstant();
    } else if (value instanceof LocalDateTime ldt) {
      instant = ldt.toInstant(ZoneOffset.UTC);
    } else {
      throw new IllegalArgumentException(
          "column " + name + " holds " + value.getClass().getName() + ", not a date or timestamp");
    }
    Object offset = offsetColumn == null ? null : row.getField(offsetColumn);
    if (offset instanceof Integer seconds && Math.abs(seconds) <= MAX_OFFSET_SECONDS) {
      return instant.atOffset(ZoneOffset.ofTotalSeconds(seconds)).toLocalDate();
    }
    return instant.atOffset(ZoneOffset.UTC).toLocalDate();
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }
}
