package org.vitalake.lakehouse.journal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.util.DateTimeUtil;
import org.vitalake.core.id.UserId;
import org.vitalake.core.journal.JournalStore;
import org.vitalake.core.journal.RecordedJournalEntry;
import org.vitalake.lakehouse.BronzeRecords;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableAppender;
import org.vitalake.lakehouse.TableScanner;

/** {@link JournalStore} on {@code bronze.journal_entries}: one Iceberg commit per append. */
public final class IcebergJournalStore implements JournalStore {

  private static final Comparator<RecordedJournalEntry> BY_OCCURRENCE =
      Comparator.comparing((RecordedJournalEntry r) -> r.entry().occurredAt())
          .thenComparing(RecordedJournalEntry::receivedAt)
          .thenComparing(r -> r.entry().entryId().value());

  private final TableAppender appender;
  private final TableScanner scanner;

  public IcebergJournalStore(Lakehouse lakehouse) {
    Objects.requireNonNull(lakehouse, "lakehouse");
    this.appender = new TableAppender(lakehouse);
    this.scanner = new TableScanner(lakehouse);
  }

  @Override
  public void append(List<RecordedJournalEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    appender.append(
        LakehouseTables.JOURNAL_ENTRIES, entries.stream().map(BronzeRecords::journal).toList());
  }

  @Override
  public List<RecordedJournalEntry> findByUser(
      UserId userId, Instant fromInclusive, Instant toExclusive) {
    return scanner
        .scan(
            LakehouseTables.JOURNAL_ENTRIES.id(),
            Expressions.and(
                Expressions.equal("user_id", userId.value()),
                Expressions.greaterThanOrEqual(
                    "occurred_at", DateTimeUtil.microsFromInstant(fromInclusive)),
                Expressions.lessThan("occurred_at", DateTimeUtil.microsFromInstant(toExclusive))))
        .stream()
        .map(BronzeRecords::parseJournal)
        .sorted(BY_OCCURRENCE)
        .toList();
  }
}
