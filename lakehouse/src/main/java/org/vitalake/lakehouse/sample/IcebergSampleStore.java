package org.vitalake.lakehouse.sample;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.util.DateTimeUtil;
import org.vitalake.core.id.UserId;
import org.vitalake.core.sample.RecordedSample;
import org.vitalake.core.sample.SampleStore;
import org.vitalake.lakehouse.BronzeRecords;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableAppender;
import org.vitalake.lakehouse.TableScanner;

/** {@link SampleStore} on {@code bronze.wearable_samples}: one Iceberg commit per append. */
public final class IcebergSampleStore implements SampleStore {

  private static final Comparator<RecordedSample> BY_START =
      Comparator.comparing((RecordedSample r) -> r.sample().start())
          .thenComparing(RecordedSample::receivedAt)
          .thenComparing(r -> r.sample().sampleKey());

  private final TableAppender appender;
  private final TableScanner scanner;

  public IcebergSampleStore(Lakehouse lakehouse) {
    Objects.requireNonNull(lakehouse, "lakehouse");
    this.appender = new TableAppender(lakehouse);
    this.scanner = new TableScanner(lakehouse);
  }

  @Override
  public void append(List<RecordedSample> samples) {
    if (samples.isEmpty()) {
      return;
    }
    appender.append(
        LakehouseTables.WEARABLE_SAMPLES, samples.stream().map(BronzeRecords::sample).toList());
  }

  @Override
  public List<RecordedSample> findByUser(
      UserId userId, Instant fromInclusive, Instant toExclusive) {
    return scanner
        .scan(
            LakehouseTables.WEARABLE_SAMPLES.id(),
            Expressions.and(
                Expressions.equal("user_id", userId.value()),
                Expressions.greaterThanOrEqual(
                    "start_time", DateTimeUtil.microsFromInstant(fromInclusive)),
                Expressions.lessThan("start_time", DateTimeUtil.microsFromInstant(toExclusive))))
        .stream()
        .map(BronzeRecords::parseSample)
        .sorted(BY_START)
        .toList();
  }
}
