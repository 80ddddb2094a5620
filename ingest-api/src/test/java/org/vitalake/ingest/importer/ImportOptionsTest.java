package org.vitalake.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.UserId;

class ImportOptionsTest {

  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  private static final Map<String, UserId> PARTICIPANTS =
      Map.of("p01", UserId.of("u-1"), "p02", UserId.of("u-2"));

  @Test
  void readsOnlyTheParticipantsOfItsPass() {
    // given
    ImportOptions pass = new ImportOptions(null, PARTICIPANTS, TOKYO, Instant.now(), Set.of("p02"));

    // then
    assertThat(pass.userFor("p01")).isEmpty();
    assertThat(pass.userFor("p02")).contains(UserId.of("u-2"));
    assertThat(pass.userFor("p03")).isEmpty();
  }

  @Test
  void stillRefusesAOnePersonFileWhenSeveralParticipantsAreMappedThoughOneIsRead() {
    // given
    ImportOptions pass = new ImportOptions(null, PARTICIPANTS, TOKYO, Instant.now(), Set.of("p02"));

    // when / then: a pass of one participant is not a userMap of one
    assertThatThrownBy(() -> pass.requireUser("wellness.csv"))
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining("pass userId");
  }

  @Test
  void readsEveryMappedParticipantByDefault() {
    // given
    ImportOptions all = new ImportOptions(null, PARTICIPANTS, TOKYO, Instant.now());

    // then
    assertThat(all.userFor("p01")).contains(UserId.of("u-1"));
    assertThat(all.userFor("p02")).contains(UserId.of("u-2"));
  }

  @Test
  void refusesToReadAParticipantTheUserMapDoesNotName() {
    assertThatThrownBy(
            () -> new ImportOptions(null, PARTICIPANTS, TOKYO, Instant.now(), Set.of("p09")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("p09");
  }
}
