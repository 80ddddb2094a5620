package org.vitalake.ingest.commit.iceberg;

import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.vitalake.ingest.commit.StagingBatchSink;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableAppender;

/**
 * Appends {@code bronze.wearable_samples} rows, one Iceberg commit per batch, in two stages: the
 * Parquet files are written first, the commit makes them visible. One table instance serves every
 * batch, so a commit does not reload the table's metadata; Iceberg refreshes it when another writer
 * committed in between.
 */
public final class IcebergSampleSink implements StagingBatchSink<Record> {

  private final TableAppender appender;
  private final Table table;

  public IcebergSampleSink(Lakehouse lakehouse, TableAppender appender) {
    this.appender = appender;
    this.table = lakehouse.table(LakehouseTables.WEARABLE_SAMPLES);
  }

  @Override
  public Staged stage(List<Record> rows) {
    List<DataFile> files = appender.writeDataFiles(table, rows);
    return () -> appender.commitDataFiles(table, files);
  }
}
