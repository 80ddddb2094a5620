package org.vitalake.serving.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vitalake.serving.demo.DemoCommand.Participant;

class DemoCommandTest {

  @Test
  void derivedPasswordsDependOnTheSecretAndTheParticipant() {
    // given
    Participant a = new Participant("fitabase", "1503960366");
    Participant b = new Participant("fitabase", "1624580081");

    // when
    String first = DemoCommand.derivePassword("secret-one-0123456789", a);

    // then
    assertThat(first).isEqualTo(DemoCommand.derivePassword("secret-one-0123456789", a));
    assertThat(first).isNotEqualTo(DemoCommand.derivePassword("secret-two-0123456789", a));
    assertThat(first).isNotEqualTo(DemoCommand.derivePassword("secret-one-0123456789", b));
    assertThat(first).hasSizeGreaterThanOrEqualTo(40).doesNotContain("secret");
  }

  @Test
  void participantsParseAsSystemAndDatasetId() {
    assertThat(DemoCommand.participants(List.of("fitabase:1503960366", "pmdata:p01")))
        .extracting(Participant::email)
        .containsExactly(
            "fitabase.1503960366@participants.vitalake.invalid",
            "pmdata.p01@participants.vitalake.invalid");
  }

  @Test
  void rejectsAParticipantWithoutASystem() {
    assertThatThrownBy(() -> DemoCommand.participants(List.of("1503960366")))
        .hasMessageContaining("must look like fitabase:1503960366");
  }

  @Test
  void refusesToRunWithoutTheServiceSecret() {
    // given
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    // when
    int exit =
        DemoCommand.run(
            new String[] {"accounts", "fitabase:1"},
            Map.of(),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    // then
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("VITALAKE_SERVICE_TOKEN_SECRET");
  }
}
