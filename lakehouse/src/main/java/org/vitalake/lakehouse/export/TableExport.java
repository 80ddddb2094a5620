package org.vitalake.lakehouse.export;

import java.util.List;
import java.util.Objects;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * One table's part of an export.
 *
 * @param table the table read
 * @param file the Parquet file name in the export directory, null when no row matched
 * @param rows rows written
 * @param bytes size of the file, 0 without one
 * @param snapshotId the Iceberg snapshot read, null for a table never written to
 * @param dayColumn the column rows were placed on days by, null when the table has none
 * @param columns the column names of the snapshot's schema, in order
 */
public record TableExport(
    TableIdentifier table,
    String file,
    long rows,
    long bytes,
    Long snapshotId,
    String dayColumn,
    List<String> columns) {

  public TableExport {
    Objects.requireNonNull(table, "table");
    columns = List.copyOf(columns);
    if (rows < 0 || bytes < 0) {
      throw new IllegalArgumentException(
          "rows " + rows + " and bytes " + bytes + " of " + table + " must be 0 or more");
    }
    if ((file == null) != (rows == 0)) {
      throw new IllegalArgumentException(
          table
              + ": a file is written exactly when rows were exported ("
              + rows
              + " rows, file "
              + file
              + ")");
    }
  }
}
