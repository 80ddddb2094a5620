package org.vitalake.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.IngestId;
import org.vitalake.core.id.UserId;
import org.vitalake.core.journal.RecordedJournalEntry;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.RecordedSample;
import org.vitalake.core.sample.Sample;

class CommittingImportSinkTest {

  private static final Instant START = Instant.parse("2026-11-21T08:00:00Z");
  private static final int BATCH = 1_000;

  @Test
  void eachBatchIsStampedWhenItIsHandedToTheCommitterNotWhenTheImportStarted() {
    // given a clock that moves a minute every time it is read, as a long import would see it
    MinuteClock clock = new MinuteClock();
    Recording committer = new Recording();
    ImportProgress progress =
        new ImportProgress("imp-1", ImportFormat.APPLE_HEALTH, UserId.of("u-1"), clock);
    CommittingImportSink sink =
        new CommittingImportSink(
            committer, BATCH, progress, IngestId.random(), clock, "s3://raw/x");
    int rows = BATCH * 2 + 7;

    // when
    for (int i = 0; i < rows; i++) {
      sink.accept(steps(START.minus(Duration.ofMinutes(rows - i))));
    }
    sink.flush();

    // then three batches, all rows accepted, and each batch's stamp later than the one before
    assertThat(committer.batches).hasSize(3);
    assertThat(progress.accepted.get()).isEqualTo(rows);
    List<Instant> stamps = new ArrayList<>();
    for (List<RecordedSample> batch : committer.batches) {
      Instant stamp = batch.get(0).receivedAt();
      assertThat(batch).allSatisfy(r -> assertThat(r.receivedAt()).isEqualTo(stamp));
      stamps.add(stamp);
    }
    assertThat(stamps).isSorted().doesNotHaveDuplicates();
    assertThat(stamps.get(0)).isAfter(START);
  }

  private static Sample steps(Instant start) {
    return new Sample(
        UserId.of("u-1"),
        Metric.STEPS,
        12,
        start,
        start.plus(Duration.ofMinutes(1)),
        ZoneOffset.UTC,
        "apple_health",
        "iPhone",
        DeviceType.PHONE,
        "count");
  }

  /** Commits nothing: keeps each batch it is given. */
  private static final class Recording implements ImportCommitter {
    final List<List<RecordedSample>> batches = new ArrayList<>();

    @Override
    public CompletableFuture<?> queueSamples(List<RecordedSample> samples) {
      batches.add(samples);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void commitEntries(List<RecordedJournalEntry> entries) {}
  }

  private static final class MinuteClock extends Clock {
    private Instant now = START;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      now = now.plus(Duration.ofMinutes(1));
      return now;
    }
  }
}
