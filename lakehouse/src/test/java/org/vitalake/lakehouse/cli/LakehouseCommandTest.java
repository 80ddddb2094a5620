package org.vitalake.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LakehouseCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final LakehouseCommand command =
      new LakehouseCommand(
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));

  @Test
  void printsUsageForAnUnknownCommand() {
    // when
    int status = command.run(List.of("drop-everything"), Map.of());

    // then
    assertThat(status).isEqualTo(LakehouseCommand.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("unknown command 'drop-everything'")
        .contains("init")
        .contains("status");
  }

  @Test
  void namesTheMissingCredentialVariable() {
    // when
    int status = command.run(List.of("status"), Map.of("VITALAKE_S3_ACCESS_KEY", "ak-from-test"));

    // then
    assertThat(status).isEqualTo(LakehouseCommand.FAILED);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("VITALAKE_S3_SECRET_KEY is not set");
  }
}
