package org.vitalake.coaching.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalake.coaching.PmDataFixture;

class EvaluateCommandTest {

  @Test
  void printsOneJsonLineWithTheAgreedFigures(@TempDir Path dir) throws Exception {
    // given
    Path dataset = PmDataFixture.subset(dir, PmDataFixture.SUBSET);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    // when
    int code =
        EvaluateCommand.run(
            new String[] {"--dataset", dataset.toString(), "--json", "--folds", "2"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    // then
    String printed = out.toString(StandardCharsets.UTF_8).strip();
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(printed.lines()).hasSize(1);
    JsonNode json = new ObjectMapper().readTree(printed);
    for (String key :
        new String[] {
          "mae_model",
          "mae_user_mean",
          "mae_persistence",
          "mae_population_mean",
          "n_users_test",
          "n_days_test",
          "anomaly_precision",
          "anomaly_recall"
        }) {
      assertThat(json.has(key)).as(key).isTrue();
    }
    assertThat(json.get("n_users_test").asInt()).isEqualTo(4);
  }

  @Test
  void rejectsUnknownArgumentsWithUsage() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        EvaluateCommand.run(
            new String[] {"--datset", "x"},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("unknown argument '--datset'")
        .contains("usage:");
  }

  @Test
  void namesAMissingDatasetDirectory(@TempDir Path dir) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        EvaluateCommand.run(
            new String[] {"--dataset", dir.resolve("nope").toString()},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("nope").contains("does not exist");
  }
}
