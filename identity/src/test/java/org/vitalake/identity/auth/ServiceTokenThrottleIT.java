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
 * The client-credentials grant under the shipped throttle settings. The client id is no secret, so
 * wrong secrets from one address must not keep the command-line client from getting tokens at
 * another. The loopback address is a trusted proxy here, so each test acts from its own client
 * addresses through X-Forwarded-For; every test uses {@code vitalake-cli}.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceTokenThrottleIT implements TestPropertyProvider {

  /** {@code vitalake.identity.login-throttle.max-failures} in {@code application.yml}. */
  static final int MAX_FAILURES = 5;

  /**
   * {@code vitalake.identity.login-throttle.max-failures-per-address} in {@code application.yml}.
   */
  static final int MAX_FAILURES_PER_ADDRESS = 100;

  /** {@code vitalake.identity.login-throttle.window} in {@code application.yml}, in seconds. */
  static final long WINDOW_SECONDS = 15 * 60;

  @Inject
  @Client("/")
  HttpClient http;

  IdentityClient client;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = ServerProperties.forHome(ServerProperties.newHome());
    properties.put("vitalake.identity.trusted-proxies", "127.0.0.1,::1");
    return properties;
  }

  @BeforeAll
  void createClient() {
    client = new IdentityClient(http);
  }

  @Test
  void throttlesWrongSecretsFromOneAddressWithoutLockingTheClientOutElsewhere() {
    // given: wrong secrets for the client id from address A, up to the limit
    String addressA = "10.20.0.1";
    String addressB = "10.20.0.2";
    for (int i = 0; i < MAX_FAILURES; i++) {
      assertThat(wrongSecret(i, addressA).status()).isEqualTo(401);
    }

    // when: the right secret, from A and from B
    Reply fromA = rightSecret(addressA);
    Reply fromB = rightSecret(addressB);

    // then: A waits, B gets its token
    assertThat(fromA.status()).isEqualTo(429);
    assertThat(fromA.contentType()).isEqualTo("application/problem+json");
    long retryAfter = Long.parseLong(fromA.headers().get("Retry-After"));
    assertThat(retryAfter).isBetween(1L, WINDOW_SECONDS);
    assertThat(fromA.text("detail"))
        .isEqualTo(
            "too many failed client-credentials requests from this address; retry after "
                + retryAfter
                + " s");
    assertThat(fromB.status()).isEqualTo(200);
    assertThat(fromB.text("token")).isNotBlank();
  }

  @Test
  void issuesATokenAfterWrongSecretsSpreadOverAddresses() {
    // given: twice the limit of wrong secrets for the client id, from as many addresses
    for (int i = 0; i < 2 * MAX_FAILURES; i++) {
      assertThat(wrongSecret(i, "10.21.0." + i).status()).isEqualTo(401);
    }

    // when: the right secret from one of those addresses
    Reply token = rightSecret("10.21.0.0");

    // then
    assertThat(token.status()).isEqualTo(200);
    assertThat(token.text("token")).isNotBlank();
  }

  @Test
  void throttlesAnAddressGuessingOverManyClientIdsButNotItsPasswordLogins() {
    // given: one failure for each of many made-up client ids, from address C
    String addressC = "10.22.0.1";
    for (int i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      Reply failed = client.serviceToken("made-up-client-" + i, "wrong-secret-" + i, addressC);
      assertThat(failed.status()).isEqualTo(401);
    }
    Session user = client.registerAndLogin("Bystander");

    // when
    Reply fromC = rightSecret(addressC);
    Reply fromD = rightSecret("10.22.0.2");
    Reply loginFromC = client.login(user.email(), IdentityClient.PASSWORD, addressC);

    // then
    assertThat(fromC.status()).isEqualTo(429);
    assertThat(fromC.headers().get("Retry-After")).isNotNull();
    assertThat(fromD.status()).isEqualTo(200);
    assertThat(loginFromC.status()).isEqualTo(200);
  }

  private Reply wrongSecret(int attempt, String forwardedFor) {
    return client.serviceToken(
        ServerProperties.SERVICE_CLIENT, "wrong-secret-" + attempt, forwardedFor);
  }

  private Reply rightSecret(String forwardedFor) {
    return client.serviceToken(
        ServerProperties.SERVICE_CLIENT, ServerProperties.SERVICE_SECRET, forwardedFor);
  }
}
