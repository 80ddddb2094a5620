package org.vitalake.serving.realtime;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.vitalake.lakehouse.local.RepositoryRoot;

/** Wires the framework-free parts of the near-real-time view. */
@Factory
public class RealtimeFactory {

  @Singleton
  TodayAggregates todayAggregates(
      RealtimeProperties properties, org.vitalake.serving.profile.IcebergProfiles profiles) {
    return new TodayAggregates(
        properties.maxUsers(), properties.maxDaysPerUser(), properties.maxKeysPerDay(), profiles);
  }

  @Singleton
  CheckpointFile checkpointFile(
      RealtimeProperties properties, @Nullable @Value("${vitalake.home:}") String home) {
    Path dir;
    if (properties.stateDir() != null && !properties.stateDir().isBlank()) {
      dir = Path.of(properties.stateDir());
    } else if (home != null && !home.isBlank()) {
      dir = Path.of(home).resolve("serving");
    } else {
      dir = RepositoryRoot.findFromWorkingDirectory().resolve(".vitalake").resolve("serving");
    }
    return new CheckpointFile(dir.resolve("bronze-checkpoint.properties"));
  }
}
