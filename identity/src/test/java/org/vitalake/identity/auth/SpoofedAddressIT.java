package org.vitalake.identity.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.vitalake.identity.support.IdentityClient;
import org.vitalake.identity.support.IdentityClient.Session;
import org.vitalake.identity.support.Reply;
import org.vitalake.identity.support.ServerProperties;

/** Without trusted proxies, a caller cannot choose its throttle key with X-Forwarded-For. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpoofedAddressIT implements TestPropertyProvider {

  static final int MAX_FAILURES = 5;

  @Inject
  @Client("/")
  HttpClient http;

  IdentityClient client;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = ServerProperties.forHome(ServerProperties.newHome());
    properties.put("vitalake.identity.trusted-proxies", "");
    properties.put("vitalake.identity.login-throttle.max-failures", Integer.toString(MAX_FAILURES));
    // An address limit as low as the account limit, so the real peer address reaches it quickly.
    properties.put(
        "vitalake.identity.login-throttle.max-failures-per-address",
        Integer.toString(MAX_FAILURES));
    properties.put("vitalake.identity.login-throttle.window", "15m");
    return properties;
  }

  @BeforeAll
  void createClient() {
    client = new IdentityClient(http);
  }

  @Test
  void ignoresForwardedForFromAnUntrustedPeer() {
    // given: a fresh account per attempt and a fresh forwarded address per attempt, so only the
    // real peer address can reach the limit
    Session victim = client.registerAndLogin("Spoofed");
    for (int i = 0; i < MAX_FAILURES; i++) {
      assertThat(
              client
                  .login(IdentityClient.uniqueEmail("spray"), "Wrong-password-" + i, "10.9.0." + i)
                  .status())
          .isEqualTo(401);
    }

    // when
    Reply next = client.login(victim.email(), IdentityClient.PASSWORD, "10.9.1.1");

    // then
    assertThat(next.status()).isEqualTo(429);
    assertThat(next.headers().get("Retry-After")).isNotNull();
  }
}
