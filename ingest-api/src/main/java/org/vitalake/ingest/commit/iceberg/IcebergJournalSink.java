package org.vitalake.ingest.commit.iceberg;

import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.data.Record;
import org.vitalake.core.journal.RecordedJournalEntry;
import org.vitalake.ingest.commit.BatchSink;
import org.vitalake.lakehouse.BronzeRecords;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableAppender;

/** Appends recorded journal entries to {@code bronze.journal_entries}, one commit per batch. */
public final class IcebergJournalSink implements BatchSink<RecordedJournalEntry> {

  private final TableAppender appender;

  public IcebergJournalSink(TableAppender appender) {
    this.appender = appender;
  }

  @Override
  public void append(List<RecordedJournalEntry> items) {
    List<Record> rows = new ArrayList<>(items.size());
    for (RecordedJournalEntry item : items) {
      rows.add(BronzeRecords.journal(item));
    }
    appender.append(LakehouseTables.JOURNAL_ENTRIES, rows);
  }
}
