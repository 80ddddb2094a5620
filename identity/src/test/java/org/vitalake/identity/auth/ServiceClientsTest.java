package org.vitalake.identity.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.vitalake.identity.IdentityProperties;

class ServiceClientsTest {

  private static ServiceClients configured(String value) {
    return new ServiceClients(
        new IdentityProperties(
            "iss",
            "aud",
            Duration.ofMinutes(15),
            Duration.ofDays(1),
            null,
            null,
            value,
            null,
            null));
  }

  @Test
  void authenticatesEachConfiguredClientWithItsOwnSecret() {
    ServiceClients clients =
        configured("vitalake-cli:cli-secret-0123456789, importer:imp:secret:with:colons");

    assertThat(clients.clientIds()).containsExactly("vitalake-cli", "importer");
    assertThat(clients.authenticate("vitalake-cli", "cli-secret-0123456789")).isTrue();
    assertThat(clients.authenticate("importer", "imp:secret:with:colons")).isTrue();
    assertThat(clients.authenticate("importer", "cli-secret-0123456789")).isFalse();
    assertThat(clients.authenticate("unknown", "cli-secret-0123456789")).isFalse();
  }

  @Test
  void hasNoClientsWhenUnset() {
    assertThat(configured(null).clientIds()).isEmpty();
    assertThat(configured("").authenticate("vitalake-cli", "")).isFalse();
  }

  @Test
  void refusesMalformedOrShortSecrets() {
    assertThatThrownBy(() -> configured("no-secret")).hasMessageContaining("id:secret");
    assertThatThrownBy(() -> configured("cli:short")).hasMessageContaining("fewer than 16");
  }
}
