package org.vitalake.ingest.commit.iceberg;

import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;
import org.vitalake.ingest.commit.StagingBatchSink;
import org.vitalake.lakehouse.BronzeRecords;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.StructRow;
import org.vitalake.lakehouse.TableAppender;

/**
 * Appends {@code bronze.wearable_samples} rows, one Iceberg commit per batch, in two stages: the
 * Parquet files are written first, the commit makes them visible. One table instance serves every
 * batch, so a commit does not reload the table's metadata; Iceberg refreshes it when another writer
 * committed in between. Rows come in Iceberg's internal representation ({@link
 * BronzeRecords#sampleRow}), whose positions must be the table's.
 */
public final class IcebergSampleSink implements StagingBatchSink<StructRow> {

  private final TableAppender appender;
  private final Table table;

  public IcebergSampleSink(Lakehouse lakehouse, TableAppender appender) {
    this.appender = appender;
    this.table = lakehouse.table(LakehouseTables.WEARABLE_SAMPLES);
    List<String> expected = columnNames(LakehouseTables.WEARABLE_SAMPLES.schema());
    List<String> actual = columnNames(table.schema());
    if (!actual.equals(expected)) {
      throw new IllegalStateException(
          table.name()
              + " has the columns "
              + actual
              + " but this build writes "
              + expected
              + "; evolve the table to the build's schema before starting ingest");
    }
  }

  private static List<String> columnNames(Schema schema) {
    return schema.columns().stream().map(Types.NestedField::name).toList();
  }

  @Override
  public Staged stage(List<StructRow> rows) {
    List<DataFile> files = appender.writeRowDataFiles(table, rows);
    return () -> appender.commitDataFiles(table, files);
  }
}
