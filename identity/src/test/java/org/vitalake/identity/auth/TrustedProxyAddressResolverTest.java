package org.vitalake.identity.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrustedProxyAddressResolverTest {

  @Test
  void parsesCommaSeparatedAddressesIntoCanonicalForm() {
    assertThat(TrustedProxyAddressResolver.parseTrustedProxies(" 10.0.0.1 , 0:0:0:0:0:0:0:1,"))
        .containsExactlyInAnyOrder("10.0.0.1", "0:0:0:0:0:0:0:1");
    assertThat(TrustedProxyAddressResolver.parseTrustedProxies("::1"))
        .containsExactly("0:0:0:0:0:0:0:1");
    assertThat(TrustedProxyAddressResolver.parseTrustedProxies("")).isEmpty();
  }

  @Test
  void refusesHostNamesAndOutOfRangeAddresses() {
    assertThatThrownBy(() -> TrustedProxyAddressResolver.parseTrustedProxies("proxy.example.org"))
        .hasMessageContaining("proxy.example.org");
    assertThatThrownBy(() -> TrustedProxyAddressResolver.parseTrustedProxies("10.0.0.256"))
        .hasMessageContaining("10.0.0.256");
  }
}
