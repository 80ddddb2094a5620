package org.vitalake.serving.realtime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;

/** Exposes the near-real-time view on {@code /prometheus}: users held, rows read, poll age. */
@Singleton
public class RealtimeMetrics implements MeterBinder {

  private final BronzeConsumer consumer;

  public RealtimeMetrics(BronzeConsumer consumer) {
    this.consumer = consumer;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("vitalake.serving.realtime.users", consumer, c -> c.status().users())
        .description("users whose today is held in memory")
        .register(registry);
    Gauge.builder("vitalake.serving.realtime.rows.read", consumer, c -> c.status().rowsRead())
        .description("bronze rows read since start")
        .register(registry);
    Gauge.builder("vitalake.serving.realtime.ready", consumer, c -> c.ready() ? 1 : 0)
        .description("1 once today's totals are rebuilt and followed")
        .register(registry);
    Gauge.builder(
            "vitalake.serving.realtime.poll.age.seconds",
            consumer,
            c -> {
              Instant last = c.status().lastPollAt();
              return last == null
                  ? Double.NaN
                  : Duration.between(last, Instant.now()).toMillis() / 1000.0;
            })
        .description("seconds since bronze was last checked for new snapshots")
        .register(registry);
  }
}
