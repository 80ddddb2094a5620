package org.vitalake.serving.lakehouse;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalake.serving.realtime.RealtimeProperties;

/**
 * Keeps every {@link RefreshableView} (gold tables, profiles) current: loads them when the service
 * starts and checks for new snapshots at a fixed interval, on one background thread.
 */
@Context
public class ViewRefresher {

  private static final Logger LOG = LoggerFactory.getLogger(ViewRefresher.class);

  private final List<RefreshableView> views;
  private final ScheduledExecutorService executor;

  public ViewRefresher(List<RefreshableView> views, RealtimeProperties properties) {
    this.views = List.copyOf(views);
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "lakehouse-views");
              t.setDaemon(true);
              return t;
            });
    long every = properties.goldRefreshInterval().toMillis();
    executor.scheduleWithFixedDelay(this::refreshAll, 0, every, TimeUnit.MILLISECONDS);
  }

  /** Refreshes every view now; a view that fails keeps its last snapshot and is retried. */
  public void refreshAll() {
    for (RefreshableView view : views) {
      try {
        if (view.refresh()) {
          LOG.info("loaded {} at snapshot {}", view.name(), view.snapshotId().orElse(null));
        }
      } catch (RuntimeException e) {
        LOG.warn("cannot refresh {}: {}", view.name(), e.toString());
      }
    }
  }

  /** The views kept current. */
  public List<RefreshableView> views() {
    return views;
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
  }
}
