package org.vitalake.ingest.importer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vitalake.ingest.importer.ImportFormat;
import org.vitalake.ingest.importer.ImportInput;
import org.vitalake.ingest.importer.SharedData;
import org.vitalake.ingest.importer.fitbit.FitbitWebApiImporter;

class ImportCommandTest {

  private static final Path APPLE = SharedData.file("apple-health/tdda_export6s3sample.xml");

  @Test
  void parsesFormatPathAndOptions() throws Exception {
    ImportCommand.Arguments arguments =
        ImportCommand.parse(
            new String[] {
              "pmdata",
              SharedData.file("pmdata").toString(),
              "--users",
              "3",
              "--time-zone",
              "Europe/Oslo"
            });
    assertThat(arguments.format()).isEqualTo(ImportFormat.PMDATA);
    assertThat(arguments.users()).isEqualTo(3);
    assertThat(arguments.timeZone().getId()).isEqualTo("Europe/Oslo");
  }

  @Test
  void refusesAnUnknownFormatListingTheFormats() {
    assertThatThrownBy(() -> ImportCommand.parse(new String[] {"csv", APPLE.toString()}))
        .hasMessageContaining("unknown import format 'csv'")
        .hasMessageContaining("apple-health");
  }

  @Test
  void refusesAMissingFileNamingIt() {
    assertThatThrownBy(() -> ImportCommand.parse(new String[] {"fit", "/nowhere/activity.fit"}))
        .hasMessageContaining("/nowhere/activity.fit")
        .hasMessageContaining("no such file");
  }

  @Test
  void refusesABadZoneAndParticipantCount() {
    assertThatThrownBy(
            () ->
                ImportCommand.parse(
                    new String[] {"fitabase", APPLE.toString(), "--time-zone", "Mars/Olympus"}))
        .hasMessageContaining("--time-zone 'Mars/Olympus'");
    assertThatThrownBy(
            () -> ImportCommand.parse(new String[] {"fitabase", APPLE.toString(), "--users", "0"}))
        .hasMessageContaining("--users must be at least 1");
  }

  @Test
  void exitsWithUsageWhenTheSingleUserFormatHasNoOwner() {
    // given
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ImportCommand command =
        new ImportCommand(
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of());

    // when
    int code = command.run(new String[] {"apple-health", APPLE.toString()});

    // then: nothing is sent anywhere, and the message says what to add
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--user ID");
  }

  @Test
  void zipsOnlyTheChosenParticipantsOfAFolder() throws Exception {
    // when
    Path zip =
        ImportCommand.zipFolder(
            SharedData.file("pmdata"), e -> "p02".equals(FitbitWebApiImporter.participantOf(e)));

    // then
    try (ImportInput input = ImportInput.open(zip)) {
      assertThat(input.entries()).isNotEmpty().allSatisfy(e -> assertThat(e).startsWith("p02/"));
      try (var files = Files.walk(SharedData.file("pmdata/p02"))) {
        assertThat(input.entries()).hasSize((int) files.filter(Files::isRegularFile).count());
      }
    } finally {
      Files.delete(zip);
    }
  }
}
