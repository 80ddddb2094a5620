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

/**
 * The shipped throttle settings, with every request from the one real peer address (no trusted
 * proxies): failed logins by one person do not lock out the others at that address, nor the
 * command-line client, while one account is still throttled after a few wrong passwords.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedAddressIT implements TestPropertyProvider {

  /** {@code vitalake.identity.login-throttle.max-failures} in {@code application.yml}. */
  static final int MAX_FAILURES = 5;

  @Inject
  @Client("/")
  HttpClient http;

  IdentityClient client;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = ServerProperties.forHome(ServerProperties.newHome());
    properties.put("vitalake.identity.trusted-proxies", "");
    return properties;
  }

  @BeforeAll
  void createClient() {
    client = new IdentityClient(http);
  }

  @Test
  void letsAnotherAccountLogInAfterFailuresForUnknownEmails() {
    // given
    Session user = client.registerAndLogin("Colleague");
    failForUnknownEmails("mistyped");

    // when
    Reply login = client.login(user.email(), IdentityClient.PASSWORD);

    // then
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.text("token")).isNotBlank();
  }

  @Test
  void issuesServiceTokensAfterFailedUserLogins() {
    // given
    failForUnknownEmails("sprayed");

    // when
    Reply token =
        client.serviceToken(ServerProperties.SERVICE_CLIENT, ServerProperties.SERVICE_SECRET);

    // then
    assertThat(token.status()).isEqualTo(200);
    assertThat(token.text("token")).isNotBlank();
  }

  @Test
  void stillThrottlesAnAccountAfterRepeatedWrongPasswords() {
    // given
    Session user = client.registerAndLogin("Guessed");
    for (int i = 0; i < MAX_FAILURES; i++) {
      assertThat(client.login(user.email(), "Wrong-password-" + i).status()).isEqualTo(401);
    }

    // when: even the right password is refused
    Reply throttled = client.login(user.email(), IdentityClient.PASSWORD);

    // then
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.contentType()).isEqualTo("application/problem+json");
    assertThat(Long.parseLong(throttled.headers().get("Retry-After"))).isBetween(1L, 15 * 60L);
  }

  /** As many failed logins as one account may have, each for a different unknown email. */
  private void failForUnknownEmails(String prefix) {
    for (int i = 0; i < MAX_FAILURES; i++) {
      Reply failed = client.login(IdentityClient.uniqueEmail(prefix), "Wrong-password-" + i);
      assertThat(failed.status()).isEqualTo(401);
    }
  }
}
