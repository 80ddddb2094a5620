package org.vitalake.ingest.commit.iceberg;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalake.ingest.IngestProperties;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.SnapshotExpiry;
import org.vitalake.lakehouse.TableDefinition;

/**
 * Expires the snapshots of the bronze tables this service commits to, every {@code
 * vitalake.ingest.snapshot-expiry-interval}, once they are older than {@code
 * vitalake.ingest.snapshot-retention}.
 *
 * <p>Group commit adds a snapshot every few hundred milliseconds under load, and Iceberg rewrites
 * the list of kept snapshots into the metadata file on every commit: without expiry during the day
 * each commit costs more than the one before. The nightly pipeline does not need the history (it
 * tags the snapshot it reads and finds later rows by arrival time), and the serving API's consumer
 * polls far more often than the retention.
 *
 * <p>A failed expiry is logged and tried again at the next interval; it never touches requests.
 */
@Singleton
public class BronzeSnapshotExpiry {

  private static final Logger LOG = LoggerFactory.getLogger(BronzeSnapshotExpiry.class);
  private static final List<TableDefinition> TABLES =
      List.of(LakehouseTables.WEARABLE_SAMPLES, LakehouseTables.JOURNAL_ENTRIES);

  private final Lakehouse lakehouse;
  private final Duration retention;
  private final Clock clock;
  private final Counter expired;
  private final Timer duration;
  private final Map<String, Integer> kept = new ConcurrentHashMap<>();

  public BronzeSnapshotExpiry(
      Lakehouse lakehouse, IngestProperties properties, MeterRegistry registry) {
    if (properties.getSnapshotRetention().isNegative()
        || properties.getSnapshotRetention().isZero()) {
      throw new IllegalArgumentException(
          "vitalake.ingest.snapshot-retention must be positive, was "
              + properties.getSnapshotRetention());
    }
    this.lakehouse = lakehouse;
    this.retention = properties.getSnapshotRetention();
    this.clock = Clock.systemUTC();
    this.expired =
        Counter.builder("vitalake.ingest.snapshots.expired")
            .description("bronze snapshots expired by the service")
            .register(registry);
    this.duration =
        Timer.builder("vitalake.ingest.snapshot.expiry")
            .description("time to expire the bronze snapshots of one table")
            .register(registry);
    for (TableDefinition table : TABLES) {
      registry.gauge(
          "vitalake.ingest.snapshots.kept",
          List.of(Tag.of("table", table.qualifiedName())),
          kept,
          k -> k.getOrDefault(table.qualifiedName(), 0));
    }
  }

  @Scheduled(
      fixedDelay = "${vitalake.ingest.snapshot-expiry-interval:1m}",
      initialDelay = "${vitalake.ingest.snapshot-expiry-interval:1m}")
  void expireOldSnapshots() {
    for (TableDefinition table : TABLES) {
      try {
        SnapshotExpiry.Result result =
            duration.recordCallable(
                () ->
                    SnapshotExpiry.expire(
                        lakehouse.table(table), clock.instant().minus(retention)));
        expired.increment(result.expired());
        kept.put(table.qualifiedName(), result.kept());
      } catch (Exception e) {
        LOG.warn(
            "expiring the snapshots of {} failed; next try in one interval",
            table.qualifiedName(),
            e);
      }
    }
  }
}
