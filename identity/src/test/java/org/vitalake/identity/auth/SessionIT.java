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
 * Throttling, refresh-token rotation and logout. The loopback address is configured as a trusted
 * proxy here, so the server believes X-Forwarded-For from the test client and each test can act
 * from its own client address.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionIT implements TestPropertyProvider {

  static final int MAX_FAILURES = 5;
  static final int MAX_FAILURES_PER_ADDRESS = 3 * MAX_FAILURES;

  @Inject
  @Client("/")
  HttpClient http;

  IdentityClient client;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = ServerProperties.forHome(ServerProperties.newHome());
    properties.put("vitalake.identity.trusted-proxies", "127.0.0.1,::1");
    properties.put("vitalake.identity.login-throttle.max-failures", Integer.toString(MAX_FAILURES));
    properties.put(
        "vitalake.identity.login-throttle.max-failures-per-address",
        Integer.toString(MAX_FAILURES_PER_ADDRESS));
    properties.put("vitalake.identity.login-throttle.window", "15m");
    return properties;
  }

  @BeforeAll
  void createClient() {
    client = new IdentityClient(http);
  }

  @Test
  void throttlesAnAccountAfterRepeatedFailuresFromAnyAddress() {
    // given: failures spread over addresses, so only the account counter reaches the limit
    Session user = client.registerAndLogin("Throttled");
    for (int i = 0; i < MAX_FAILURES; i++) {
      assertThat(client.login(user.email(), "Wrong-password-" + i, "10.1.0." + i).status())
          .isEqualTo(401);
    }

    // when: even the right password is refused
    Reply throttled = client.login(user.email(), IdentityClient.PASSWORD, "10.1.1.1");

    // then
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.contentType()).isEqualTo("application/problem+json");
    long retryAfter = Long.parseLong(throttled.headers().get("Retry-After"));
    assertThat(retryAfter).isBetween(1L, 15 * 60L);
  }

  @Test
  void throttlesAClientAddressAfterRepeatedFailuresOnAnyAccount() {
    // given
    String address = "10.2.0.1";
    Session victim = client.registerAndLogin("Victim");
    for (int i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      client.login(IdentityClient.uniqueEmail("spray"), "Wrong-password-" + i, address);
    }

    // when
    Reply fromAttacker = client.login(victim.email(), IdentityClient.PASSWORD, address);
    Reply fromElsewhere = client.login(victim.email(), IdentityClient.PASSWORD, "10.2.0.2");

    // then
    assertThat(fromAttacker.status()).isEqualTo(429);
    assertThat(fromAttacker.headers().get("Retry-After")).isNotNull();
    assertThat(fromElsewhere.status()).isEqualTo(200);
  }

  @Test
  void letsOthersAtAnAddressLogInAfterFailuresOnOtherAccounts() {
    // given: as many failures as one account may have, each for a different unknown email, from
    // one address (an office behind NAT, say)
    String address = "10.6.0.1";
    Session colleague = client.registerAndLogin("Colleague");
    for (int i = 0; i < MAX_FAILURES; i++) {
      assertThat(
              client
                  .login(IdentityClient.uniqueEmail("typo"), "Wrong-password-" + i, address)
                  .status())
          .isEqualTo(401);
    }

    // when
    Reply login = client.login(colleague.email(), IdentityClient.PASSWORD, address);

    // then
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.text("token")).isNotBlank();
  }

  @Test
  void throttlesOneAccountWithoutLockingOutItsAddress() {
    // given: repeated wrong passwords for one account from one address
    String address = "10.7.0.1";
    Session target = client.registerAndLogin("Targeted");
    Session neighbour = client.registerAndLogin("Neighbour");
    for (int i = 0; i < MAX_FAILURES; i++) {
      client.login(target.email(), "Wrong-password-" + i, address);
    }

    // when
    Reply targeted = client.login(target.email(), IdentityClient.PASSWORD, address);
    Reply other = client.login(neighbour.email(), IdentityClient.PASSWORD, address);

    // then
    assertThat(targeted.status()).isEqualTo(429);
    assertThat(Long.parseLong(targeted.headers().get("Retry-After"))).isBetween(1L, 15 * 60L);
    assertThat(other.status()).isEqualTo(200);
  }

  @Test
  void keepsTheClientCredentialsGrantApartFromLoginFailures() {
    // given: an address throttled for password logins
    String address = "10.8.0.1";
    for (int i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      client.login(IdentityClient.uniqueEmail("spray"), "Wrong-password-" + i, address);
    }
    Session user = client.registerAndLogin("Sharing");
    assertThat(client.login(user.email(), IdentityClient.PASSWORD, address).status())
        .isEqualTo(429);

    // when: the CLI asks for a service token from the same address
    Reply token =
        client.serviceToken(
            ServerProperties.SERVICE_CLIENT, ServerProperties.SERVICE_SECRET, address);

    // then
    assertThat(token.status()).isEqualTo(200);
    assertThat(token.text("token")).isNotBlank();
  }

  @Test
  void takesTheRightMostUntrustedAddressOfTheForwardedChain() {
    // given: the client prepends a made-up hop; the proxy appends the real one
    String address = "10.5.0.1";
    for (int i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      client.login(
          IdentityClient.uniqueEmail("chain"),
          "Wrong-password-" + i,
          "192.0.2." + i + ", " + address);
    }
    Session user = client.registerAndLogin("Chained");

    // when
    Reply fromSameAddress =
        client.login(user.email(), IdentityClient.PASSWORD, "198.51.100.7, " + address);
    Reply fromElsewhere = client.login(user.email(), IdentityClient.PASSWORD, "10.5.0.2");

    // then
    assertThat(fromSameAddress.status()).isEqualTo(429);
    assertThat(fromElsewhere.status()).isEqualTo(200);
  }

  @Test
  void successfulLoginResetsTheAccountCounter() {
    // given: one failure short of the limit, then a success
    Session user = client.registerAndLogin("Forgetful");
    for (int i = 0; i < MAX_FAILURES - 1; i++) {
      client.login(user.email(), "Wrong-password-" + i, "10.3.0." + i);
    }
    assertThat(client.login(user.email(), IdentityClient.PASSWORD, "10.3.1.0").status())
        .isEqualTo(200);

    // when: as many failures again
    for (int i = 0; i < MAX_FAILURES - 1; i++) {
      client.login(user.email(), "Wrong-password-" + i, "10.3.2." + i);
    }
    Reply next = client.login(user.email(), IdentityClient.PASSWORD, "10.3.3.0");

    // then
    assertThat(next.status()).isEqualTo(200);
  }

  @Test
  void rotatesRefreshTokensAndRevokesTheFamilyOnReplay() {
    // given
    Session user = client.registerAndLogin("Refresher");

    // when
    Reply first = client.refresh(user.refreshToken());
    Reply replay = client.refresh(user.refreshToken());
    Reply successorAfterReplay = client.refresh(first.text("refreshToken"));

    // then
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.text("refreshToken")).isNotEqualTo(user.refreshToken());
    assertThat(client.get("/users/me", first.text("token")).text("id")).isEqualTo(user.id());
    assertThat(replay.status()).isEqualTo(401);
    assertThat(successorAfterReplay.status()).isEqualTo(401);
  }

  @Test
  void logoutRevokesRefreshTokens() {
    // given
    Session user = client.registerAndLogin("Leaving");

    // when
    Reply logout = client.post("/logout", Map.of(), user.token());
    Reply refresh = client.refresh(user.refreshToken());

    // then
    assertThat(logout.status()).isEqualTo(204);
    assertThat(refresh.status()).isEqualTo(401);
  }

  @Test
  void rejectsUnknownRefreshToken() {
    assertThat(client.refresh("made-up-token").status()).isEqualTo(401);
    assertThat(client.refresh("").problemFields()).containsExactly("refreshToken");
  }
}
