package org.vitalake.core.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.UserId;

class ConsentsTest {

  private static final UserId USER = UserId.of("u-1");
  private static final Instant T0 = Instant.parse("2024-03-10T06:00:00Z");

  private static ConsentDecision decision(Purpose purpose, int version, boolean granted) {
    return new ConsentDecision(USER, purpose, version, granted, null, T0.plusSeconds(version));
  }

  @Test
  void aPurposeNobodyDecidedAboutIsInEffect() {
    assertThat(Consents.inEffect(List.of(), Purpose.RESEARCH)).isTrue();
    assertThat(Consents.inEffect(List.of(decision(Purpose.COACHING, 1, false)), Purpose.RESEARCH))
        .isTrue();
  }

  @Test
  void theHighestVersionDecidesWhateverTheOrder() {
    List<ConsentDecision> withdrawnLast =
        List.of(decision(Purpose.RESEARCH, 2, false), decision(Purpose.RESEARCH, 1, true));
    List<ConsentDecision> grantedAgain =
        List.of(
            decision(Purpose.RESEARCH, 3, true),
            decision(Purpose.RESEARCH, 1, true),
            decision(Purpose.RESEARCH, 2, false));

    assertThat(Consents.inEffect(withdrawnLast, Purpose.RESEARCH)).isFalse();
    assertThat(Consents.inEffect(grantedAgain, Purpose.RESEARCH)).isTrue();
    assertThat(Consents.inEffect(withdrawnLast, Purpose.COACHING)).isTrue();
  }

  @Test
  void aDecisionNeedsAVersionFromOne() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> decision(Purpose.COACHING, 0, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be >= 1");
  }
}
