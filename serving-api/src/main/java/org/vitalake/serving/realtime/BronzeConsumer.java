package org.vitalake.serving.realtime;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableScanner;

/**
 * Follows the bronze tables and keeps {@link TodayAggregates} current.
 *
 * <p>The Iceberg snapshot log is the queue: every ingest commit is a new append snapshot, and the
 * consumer reads the rows appended since the snapshot it processed last (an incremental append
 * scan), polling the table's metadata pointer every {@code poll-interval}. After each batch it
 * saves the snapshot ids it reached to a {@link CheckpointFile}.
 *
 * <p>On start it rebuilds the recent days from the tables as they were at the saved snapshots (time
 * travel), then continues incrementally from there: every row is counted exactly once, however long
 * the service was down. When the saved snapshot is gone (expired, or the table was rewritten) it
 * rebuilds from the current snapshot instead.
 */
@Context
public class BronzeConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(BronzeConsumer.class);
  private static final List<TableIdentifier> TABLES =
      List.of(LakehouseTables.WEARABLE_SAMPLES.id(), LakehouseTables.JOURNAL_ENTRIES.id());
  private static final Duration STALE_DAY_SWEEP = Duration.ofMinutes(5);
  private static final int PUBLISH_EVERY_ROWS = 50_000;

  private final Lakehouse lakehouse;
  private final TableScanner scanner;
  private final TodayAggregates aggregates;
  private final CheckpointFile checkpoint;
  private final RealtimeProperties properties;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final Map<TableIdentifier, Table> tables = new LinkedHashMap<>();
  private final Map<TableIdentifier, Long> positions = new ConcurrentHashMap<>();
  private final AtomicLong rowsRead = new AtomicLong();
  private volatile boolean ready;
  private volatile Instant lastPollAt;
  private volatile Instant lastChangeAt;
  private volatile String lastError;
  private Instant lastSweep = Instant.EPOCH;

  public BronzeConsumer(
      Lakehouse lakehouse,
      TableScanner scanner,
      TodayAggregates aggregates,
      CheckpointFile checkpoint,
      RealtimeProperties properties) {
    this.lakehouse = lakehouse;
    this.scanner = scanner;
    this.aggregates = aggregates;
    this.checkpoint = checkpoint;
    this.properties = properties;
    this.clock = Clock.systemUTC();
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bronze-consumer");
              t.setDaemon(true);
              return t;
            });
    if (properties.enabled()) {
      executor.scheduleWithFixedDelay(
          this::step, 0, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** What the consumer has done, for the health endpoint. */
  public record Status(
      boolean enabled,
      boolean ready,
      Map<String, Long> snapshots,
      Instant lastPollAt,
      Instant lastChangeAt,
      long rowsRead,
      int users,
      String lastError,
      String checkpoint) {}

  public Status status() {
    Map<String, Long> snapshots = new LinkedHashMap<>();
    positions.forEach((id, s) -> snapshots.put(id.toString(), s));
    return new Status(
        properties.enabled(),
        ready,
        snapshots,
        lastPollAt,
        lastChangeAt,
        rowsRead.get(),
        aggregates.userCount(),
        lastError,
        checkpoint.path().toString());
  }

  /** Whether today's totals have been rebuilt after start and are being followed. */
  public boolean ready() {
    return ready;
  }

  private void step() {
    try {
      if (!ready) {
        rebuild();
      } else {
        poll();
      }
      lastError = null;
    } catch (RuntimeException | Error e) {
      // an Error must not escape either: the executor would silently stop scheduling this step
      // and today's totals would stop following bronze while health still said UP
      if (e instanceof Error) {
        ready = false; // some rows may be counted already: rebuild from the checkpoint
        LOG.error("bronze consumer: {}; rebuilding from the checkpoint", e.toString(), e);
      }
      if (!Objects.equals(lastError, e.toString())) {
        LOG.warn(
            "bronze consumer: {} (retrying every {})", e.toString(), properties.pollInterval());
      }
      lastError = e.toString();
    }
  }

  private void rebuild() {
    Map<TableIdentifier, Long> saved = checkpoint.load();
    Instant now = clock.instant();
    aggregates.clear();
    positions.clear();
    long rows = 0;
    for (TableIdentifier id : TABLES) {
      Table table = tables.computeIfAbsent(id, lakehouse::table);
      table.refresh();
      Long base = saved.get(id);
      if (base != null && table.snapshot(base) == null) {
        LOG.info("checkpoint snapshot {} of {} is gone; rebuilding from the current one", base, id);
        base = null;
      }
      if (base == null) {
        Snapshot current = table.currentSnapshot();
        base = current == null ? null : current.snapshotId();
      }
      if (base != null) {
        try (CloseableIterable<Record> recent =
            scanner.openAt(id, base, recentRows(id, now), columns(id))) {
          rows += feed(id, recent, now);
        } catch (IOException e) {
          throw new UncheckedIOException("rebuilding today's totals from " + id, e);
        }
        positions.put(id, base);
      }
    }
    checkpoint.save(positions);
    ready = true;
    lastPollAt = now;
    LOG.info(
        "today's totals rebuilt from {} bronze rows at snapshots {}; following new snapshots every {}",
        rows,
        positions,
        properties.pollInterval());
  }

  private void poll() {
    Instant now = clock.instant();
    boolean changed = false;
    for (TableIdentifier id : TABLES) {
      Table table = tables.get(id);
      table.refresh();
      Snapshot current = table.currentSnapshot();
      if (current == null || Objects.equals(current.snapshotId(), positions.get(id))) {
        continue;
      }
      // rows stream from the files into the totals, so a backlog after a pause or a burst of
      // imports costs time, not heap
      try (CloseableIterable<Record> appended =
          scanner.openAppends(
              id, positions.get(id), current.snapshotId(), recentRows(id, now), columns(id))) {
        feed(id, appended, now);
      } catch (IllegalArgumentException e) {
        // the processed snapshot is no longer an ancestor (table rewritten): start over
        LOG.warn("{}; rebuilding today's totals from the current snapshots", e.getMessage());
        checkpoint.delete();
        ready = false;
        return;
      } catch (IOException | RuntimeException e) {
        // some of the rows may be counted already: rebuild from the checkpoint, so none twice
        ready = false;
        throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
      }
      positions.put(id, current.snapshotId());
      changed = true;
    }
    if (changed) {
      checkpoint.save(positions);
      lastChangeAt = now;
    }
    lastPollAt = now;
    if (Duration.between(lastSweep, now).compareTo(STALE_DAY_SWEEP) > 0) {
      aggregates.dropStaleDays(now);
      lastSweep = now;
    }
  }

  private long feed(TableIdentifier id, Iterable<Record> rows, Instant now) {
    boolean wearable = id.equals(LakehouseTables.WEARABLE_SAMPLES.id());
    long count = 0;
    try {
      for (Record row : rows) {
        if (wearable) {
          BronzeEvents.wearable(row).ifPresent(e -> aggregates.accumulate(e, now));
        } else {
          BronzeEvents.meal(row).ifPresent(e -> aggregates.accumulate(e, now));
        }
        if (++count % PUBLISH_EVERY_ROWS == 0) {
          aggregates.publishPending(); // a long backlog shows progress while it is read
        }
      }
    } finally {
      aggregates.publishPending();
    }
    rowsRead.addAndGet(count);
    return count;
  }

  /** What the totals need of a table's rows: wearable rows are many, so only those columns. */
  private static List<String> columns(TableIdentifier id) {
    return id.equals(LakehouseTables.WEARABLE_SAMPLES.id())
        ? BronzeEvents.WEARABLE_COLUMNS
        : TableScanner.ALL_COLUMNS;
  }

  /**
   * Rows that can belong to a kept day; lets file statistics skip historical imports. Sleep that
   * ends this morning may have started the evening before, hence the window.
   */
  private Expression recentRows(TableIdentifier id, Instant now) {
    String column = id.equals(LakehouseTables.WEARABLE_SAMPLES.id()) ? "start_time" : "occurred_at";
    Instant cutoff = now.minus(properties.rebuildWindow()).truncatedTo(ChronoUnit.HOURS);
    return Expressions.greaterThanOrEqual(column, ChronoUnit.MICROS.between(Instant.EPOCH, cutoff));
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
