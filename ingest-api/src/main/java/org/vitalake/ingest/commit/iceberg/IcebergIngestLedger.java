package org.vitalake.ingest.commit.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.vitalake.core.id.IngestId;
import org.vitalake.ingest.idempotency.IngestLedger;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableScanner;

/** Looks up an ingest id in the bronze tables, scanning only the partition of its receipt. */
public final class IcebergIngestLedger implements IngestLedger {

  private final TableScanner scanner;

  public IcebergIngestLedger(TableScanner scanner) {
    this.scanner = scanner;
  }

  @Override
  public boolean isCommitted(String kind, IngestId ingestId, Instant receivedAt) {
    TableIdentifier table =
        "journal".equals(kind)
            ? LakehouseTables.JOURNAL_ENTRIES.id()
            : LakehouseTables.WEARABLE_SAMPLES.id();
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, receivedAt);
    // a second either side absorbs any rounding of received_at; the partition is what prunes
    Expression filter =
        Expressions.and(
            Expressions.equal("ingest_id", ingestId.value()),
            Expressions.and(
                Expressions.greaterThanOrEqual("received_at", micros - 1_000_000L),
                Expressions.lessThanOrEqual("received_at", micros + 1_000_000L)));
    try (CloseableIterable<Record> rows = scanner.open(table, filter)) {
      return rows.iterator().hasNext();
    } catch (IOException e) {
      throw new UncheckedIOException("looking up ingest " + ingestId + " in " + table, e);
    }
  }
}
