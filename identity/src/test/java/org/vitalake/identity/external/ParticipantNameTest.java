package org.vitalake.identity.external;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vitalake.identity.account.ProfileFields;

class ParticipantNameTest {

  @Test
  void keepsAShortNameWhole() {
    assertThat(ExternalUserService.participantName("fitabase", "1503960366"))
        .isEqualTo("fitabase participant 1503960366");
  }

  @Test
  void cutsTheLongestSystemAndIdToTheNameLimit() {
    // given: the longest values the patterns allow
    String system = "s".repeat(32);
    String externalId = "E".repeat(64);

    // when
    String name = ExternalUserService.participantName(system, externalId);

    // then
    assertThat(system.length() + " participant ".length() + externalId.length())
        .isGreaterThan(ProfileFields.MAX_NAME_LENGTH);
    assertThat(name).hasSize(ProfileFields.MAX_NAME_LENGTH);
    assertThat(name).startsWith(system + " participant " + "E");
    assertThat(ProfileFields.parseName(name)).isEqualTo(name);
  }
}
