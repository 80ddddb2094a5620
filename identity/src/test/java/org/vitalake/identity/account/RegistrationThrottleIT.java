package org.vitalake.identity.account;

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
import org.vitalake.identity.support.Reply;
import org.vitalake.identity.support.ServerProperties;

/**
 * The shipped registration limit per client address, on the real server behind a trusted proxy on
 * loopback, so that each test picks its client addresses with X-Forwarded-For.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistrationThrottleIT implements TestPropertyProvider {

  @Inject
  @Client("/")
  HttpClient http;

  @Inject RegistrationThrottleProperties limits;

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
  void refusesTheRegistrationPastTheLimitOfOneAddressButNotAnother() {
    // given: an address that has used up its registrations
    String address = "10.20.0.1";
    for (int i = 0; i < limits.maxPerAddress(); i++) {
      Reply registered = register("Busy", address);
      assertThat(registered.status()).as("registration %d", i + 1).isEqualTo(201);
    }

    // when
    String refusedEmail = IdentityClient.uniqueEmail("refused");
    Reply refused = client.register("Refused", refusedEmail, IdentityClient.PASSWORD, address);
    Reply elsewhere = register("Elsewhere", "10.20.0.2");

    // then
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.contentType()).isEqualTo("application/problem+json");
    long retryAfter = Long.parseLong(refused.headers().get("Retry-After"));
    assertThat(retryAfter).isBetween(1L, limits.window().toSeconds());
    assertThat(refused.text("detail"))
        .startsWith("too many registrations from this client address")
        .contains("at most " + limits.maxPerAddress() + " per ")
        .endsWith("retry after " + retryAfter + " s");
    assertThat(elsewhere.status()).isEqualTo(201);
    // nothing of the refused registration was kept
    assertThat(client.login(refusedEmail, IdentityClient.PASSWORD).status()).isEqualTo(401);
  }

  @Test
  void countsATakenEmailButNotAnInvalidRequest() {
    // given: as many invalid requests as the limit, which are refused before any hashing
    String address = "10.20.1.1";
    for (int i = 0; i < limits.maxPerAddress(); i++) {
      Reply weak = client.register("Weak", IdentityClient.uniqueEmail("weak"), "too-weak", address);
      assertThat(weak.status()).isEqualTo(400);
    }
    // and all but one of the registrations, the last of them for a taken email (hashed, then 409)
    String email = IdentityClient.uniqueEmail("taken");
    assertThat(client.register("Taken", email, IdentityClient.PASSWORD, address).status())
        .isEqualTo(201);
    for (int i = 2; i < limits.maxPerAddress(); i++) {
      assertThat(register("Another", address).status()).isEqualTo(201);
    }
    assertThat(client.register("Again", email, IdentityClient.PASSWORD, address).status())
        .isEqualTo(409);

    // when
    Reply next = register("Next", address);

    // then
    assertThat(next.status()).isEqualTo(429);
  }

  private Reply register(String name, String address) {
    return client.register(
        name, IdentityClient.uniqueEmail(name.toLowerCase()), IdentityClient.PASSWORD, address);
  }
}
