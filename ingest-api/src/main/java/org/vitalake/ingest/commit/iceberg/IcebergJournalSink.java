package org.vitalake.ingest.commit.iceberg;

import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.vitalake.core.journal.JournalEntry;
import org.vitalake.core.journal.RecordedJournalEntry;
import org.vitalake.ingest.commit.BatchSink;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableAppender;

/** Appends recorded journal entries to {@code bronze.journal_entries}, one commit per batch. */
public final class IcebergJournalSink implements BatchSink<RecordedJournalEntry> {

  private static final GenericRecord TEMPLATE =
      GenericRecord.create(LakehouseTables.JOURNAL_ENTRIES.schema());

  private final TableAppender appender;
  private final ObjectMapper json;

  public IcebergJournalSink(TableAppender appender, ObjectMapper json) {
    this.appender = appender;
    this.json = json;
  }

  @Override
  public void append(List<RecordedJournalEntry> items) {
    List<Record> rows = new ArrayList<>(items.size());
    for (RecordedJournalEntry item : items) {
      rows.add(toRecord(item));
    }
    appender.append(LakehouseTables.JOURNAL_ENTRIES, rows);
  }

  /** The bronze row of one recorded entry; content as JSON with canonical snake_case fields. */
  public Record toRecord(RecordedJournalEntry recorded) {
    JournalEntry e = recorded.entry();
    GenericRecord r = TEMPLATE.copy();
    r.setField("entry_id", e.entryId().value());
    r.setField("ingest_id", recorded.ingestId().value());
    r.setField("user_id", e.userId().value());
    r.setField("entry_type", e.type().code());
    r.setField("occurred_at", e.occurredAt().atOffset(ZoneOffset.UTC));
    r.setField(
        "zone_offset_seconds", e.zoneOffset() == null ? null : e.zoneOffset().getTotalSeconds());
    try {
      r.setField("content", json.writeValueAsString(e.content().toMap()));
    } catch (IOException ex) {
      throw new UncheckedIOException("writing the content of entry " + e.entryId(), ex);
    }
    r.setField("received_at", recorded.receivedAt().atOffset(ZoneOffset.UTC));
    r.setField("raw_ref", recorded.rawRef());
    return r;
  }
}
