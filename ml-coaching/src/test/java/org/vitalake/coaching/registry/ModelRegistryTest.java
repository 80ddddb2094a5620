package org.vitalake.coaching.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalake.coaching.PmDataFixture;
import org.vitalake.coaching.features.DayObservation;
import org.vitalake.coaching.training.CoachingModelTrainer;
import org.vitalake.core.daily.DailyMetrics;
import org.vitalake.core.id.UserId;
import org.vitalake.core.readiness.ReadinessPrediction;

class ModelRegistryTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T02:00:00Z"), ZoneOffset.UTC);

  @Test
  void registersVersionsAndServesTheCurrentModelThroughCorePorts(@TempDir Path root) {
    // given
    Map<String, List<DayObservation>> users = PmDataFixture.users(PmDataFixture.SUBSET);
    ModelRegistry registry = new ModelRegistry(new FileSystemModelStorage(root), CLOCK);
    CoachingModelTrainer trainer = new CoachingModelTrainer(registry, 2, 7L);

    // when
    trainer.trainAndRegister(users, List.of("snap-1"));
    CoachingModelTrainer.Trained second = trainer.trainAndRegister(users, List.of("snap-2"));

    // then
    RegistryEntry current = registry.findCurrent(ModelRegistry.READINESS_MODEL_ID).orElseThrow();
    assertThat(current).isEqualTo(second.readiness());
    assertThat(current.version()).isEqualTo(2);
    assertThat(current.trainingSnapshotIds()).containsExactly("snap-2");
    assertThat(current.metrics())
        .containsKeys("mae_model", "mae_user_mean", "mae_persistence", "mae_population_mean");
    assertThat(current.provenance()).containsKey("trainer");
    assertThat(registry.findAll(ModelRegistry.READINESS_MODEL_ID)).hasSize(2);
    assertThat(registry.findAll(ModelRegistry.ANOMALY_MODEL_ID)).hasSize(2);

    // and the serving side gets a working port from storage alone
    ModelRegistry serving = new ModelRegistry(new FileSystemModelStorage(root), CLOCK);
    UserId user = UserId.of("p01");
    List<DayObservation> days = users.get("p01");
    LocalDate day = days.get(40).date();
    List<DailyMetrics> history =
        days.stream()
            .map(
                d ->
                    new DailyMetrics(
                        user,
                        d.date(),
                        d.steps(),
                        d.activeMinutes(),
                        null,
                        d.restingHr(),
                        d.hrvRmssdMs(),
                        d.sleepMinutes(),
                        d.sleepEfficiency(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of("fitbit")))
            .toList();
    NavigableMap<LocalDate, Double> reports = new TreeMap<>();
    days.stream()
        .filter(d -> d.selfReportedReadiness() != null)
        .forEach(d -> reports.put(d.date(), d.selfReportedReadiness()));
    ReadinessPrediction prediction =
        serving.findReadinessModel().orElseThrow().predict(history, reports, day).orElseThrow();
    assertThat(prediction.model().version()).isEqualTo("v2");
    assertThat(prediction.predicted()).isBetween(0.0, 10.0);
    assertThat(serving.findAnomalyDetector().orElseThrow().detect(history, day)).isPresent();
  }

  @Test
  void refusesAModelWhoseBytesChanged() {
    // given
    InMemoryModelStorage storage = new InMemoryModelStorage();
    ModelRegistry registry = new ModelRegistry(storage, CLOCK);
    new CoachingModelTrainer(registry, 2, 7L)
        .trainAndRegister(PmDataFixture.users(PmDataFixture.SUBSET), List.of("snap-1"));
    RegistryEntry entry = registry.findCurrent(ModelRegistry.ANOMALY_MODEL_ID).orElseThrow();
    byte[] bytes = storage.find(entry.modelKey()).orElseThrow();
    bytes[bytes.length - 1] ^= 1;
    storage.put(entry.modelKey(), bytes);

    // then
    assertThatThrownBy(() -> registry.loadModel(entry))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SHA-256");
  }

  @Test
  void hasNoCurrentModelBeforeTheFirstTraining() {
    ModelRegistry registry = new ModelRegistry(new InMemoryModelStorage(), CLOCK);
    assertThat(registry.findReadinessModel()).isEmpty();
    assertThat(registry.findAnomalyDetector()).isEmpty();
  }
}
