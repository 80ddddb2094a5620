package org.vitalake.lakehouse;

import java.util.Arrays;
import org.apache.iceberg.StructLike;

/**
 * A table row in Iceberg's internal representation: timestamps as microseconds since the epoch
 * ({@code long}), dates as days since the epoch ({@code int}), strings as {@link CharSequence}.
 *
 * <p>Writers on a hot path build these instead of generic {@code Record}s, whose {@code java.time}
 * values Iceberg converts row by row (for the Parquet columns and again for the partition) at a
 * cost that dominated bronze writes; see {@link TableAppender#writeRowDataFiles}.
 */
public final class StructRow implements StructLike {

  private final Object[] values;

  /** A row of {@code size} columns, all null. */
  public StructRow(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("a row has at least one column, got " + size);
    }
    this.values = new Object[size];
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public <T> T get(int pos, Class<T> javaClass) {
    return javaClass.cast(values[pos]);
  }

  @Override
  public <T> void set(int pos, T value) {
    values[pos] = value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StructRow row && Arrays.equals(values, row.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "StructRow" + Arrays.toString(values);
  }
}
