package org.vitalake.serving.realtime;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.vitalake.serving.lakehouse.RefreshableView;
import org.vitalake.serving.lakehouse.ViewRefresher;

/**
 * Reports whether today's totals follow bronze (and at which snapshots) and which snapshot of each
 * gold table is loaded; UNKNOWN while the first rebuild runs, DOWN when the lakehouse is
 * unreachable before anything could be loaded.
 */
@Singleton
@Readiness
public class RealtimeHealthIndicator implements HealthIndicator {

  private final BronzeConsumer consumer;
  private final ViewRefresher views;

  public RealtimeHealthIndicator(BronzeConsumer consumer, ViewRefresher views) {
    this.consumer = consumer;
    this.views = views;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    BronzeConsumer.Status status = consumer.status();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("ready", status.ready());
    details.put("bronzeSnapshots", status.snapshots());
    details.put("rowsRead", status.rowsRead());
    details.put("users", status.users());
    if (status.lastPollAt() != null) {
      details.put("lastPollAt", status.lastPollAt().toString());
    }
    if (status.lastChangeAt() != null) {
      details.put("lastChangeAt", status.lastChangeAt().toString());
    }
    if (status.lastError() != null) {
      details.put("lastError", status.lastError());
    }
    Map<String, Object> gold = new LinkedHashMap<>();
    for (RefreshableView view : views.views()) {
      gold.put(view.name(), view.loaded() ? view.snapshotId().orElse(0L) : "not loaded");
    }
    details.put("views", gold);
    HealthStatus health;
    if (!status.enabled() || status.ready()) {
      health = HealthStatus.UP;
    } else if (status.lastError() != null) {
      health = HealthStatus.DOWN;
    } else {
      health = HealthStatus.UNKNOWN;
    }
    return Publishers.just(HealthResult.builder("realtime", health).details(details).build());
  }
}
