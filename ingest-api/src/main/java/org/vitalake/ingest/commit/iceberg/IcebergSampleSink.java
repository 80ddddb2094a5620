package org.vitalake.ingest.commit.iceberg;

import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.data.Record;
import org.vitalake.core.sample.RecordedSample;
import org.vitalake.ingest.commit.BatchSink;
import org.vitalake.lakehouse.BronzeRecords;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableAppender;

/** Appends recorded samples to {@code bronze.wearable_samples}, one Iceberg commit per batch. */
public final class IcebergSampleSink implements BatchSink<RecordedSample> {

  private final TableAppender appender;

  public IcebergSampleSink(TableAppender appender) {
    this.appender = appender;
  }

  @Override
  public void append(List<RecordedSample> items) {
    List<Record> rows = new ArrayList<>(items.size());
    for (RecordedSample item : items) {
      rows.add(BronzeRecords.sample(item));
    }
    appender.append(LakehouseTables.WEARABLE_SAMPLES, rows);
  }
}
