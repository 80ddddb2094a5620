package org.vitalake.serving.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {

  @TempDir Path dir;

  @Test
  void savedSnapshotIdsAreLoadedBack() {
    // given
    CheckpointFile file = new CheckpointFile(dir.resolve("serving/bronze-checkpoint.properties"));
    Map<TableIdentifier, Long> positions =
        Map.of(
            TableIdentifier.of("bronze", "wearable_samples"), 8_309_908_562_203_336_087L,
            TableIdentifier.of("bronze", "journal_entries"), -5_155_452_351_928_765_671L);

    // when
    file.save(positions);

    // then
    assertThat(file.load()).isEqualTo(positions);
    assertThat(dir.resolve("serving/bronze-checkpoint.properties.tmp")).doesNotExist();
  }

  @Test
  void aMissingOrDamagedCheckpointMeansStartingOver() throws Exception {
    // given
    CheckpointFile file = new CheckpointFile(dir.resolve("checkpoint.properties"));

    // then
    assertThat(file.load()).isEmpty();
    Files.writeString(file.path(), "bronze.wearable_samples=not-a-number\n");
    assertThat(file.load()).isEmpty();
    file.delete();
    assertThat(file.path()).doesNotExist();
  }
}
