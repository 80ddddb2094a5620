package org.vitalake.serving.realtime;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Settings of the near-real-time view ({@code vitalake.serving.realtime.*}).
 *
 * @param enabled whether the bronze consumer runs
 * @param pollInterval how often bronze tables are checked for new snapshots
 * @param goldRefreshInterval how often gold tables and profiles are checked for new snapshots
 * @param rebuildWindow how far back bronze is read to rebuild today's totals after a restart
 * @param maxUsers users kept in memory; the least recently updated are dropped beyond it
 * @param maxDaysPerUser local days kept per user
 * @param maxKeysPerDay sample keys remembered per user and day to count re-sent samples once
 * @param stateDir where the consumer's checkpoint lives; default {@code $VITALAKE_HOME/serving}
 */
@ConfigurationProperties("vitalake.serving.realtime")
public record RealtimeProperties(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "300ms") Duration pollInterval,
    @Bindable(defaultValue = "2s") Duration goldRefreshInterval,
    @Bindable(defaultValue = "72h") Duration rebuildWindow,
    @Bindable(defaultValue = "100000") int maxUsers,
    @Bindable(defaultValue = "3") int maxDaysPerUser,
    @Bindable(defaultValue = "20000") int maxKeysPerDay,
    @Nullable String stateDir) {

  public RealtimeProperties {
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException(
          "vitalake.serving.realtime.poll-interval must be positive, got " + pollInterval);
    }
    if (goldRefreshInterval.isNegative() || goldRefreshInterval.isZero()) {
      throw new IllegalArgumentException(
          "vitalake.serving.realtime.gold-refresh-interval must be positive, got "
              + goldRefreshInterval);
    }
  }
}
