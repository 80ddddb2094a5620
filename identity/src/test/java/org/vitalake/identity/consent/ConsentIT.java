package org.vitalake.identity.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.vitalake.identity.support.IdentityClient;
import org.vitalake.identity.support.IdentityClient.Session;
import org.vitalake.identity.support.Reply;
import org.vitalake.identity.support.ServerProperties;

/** Versioned consent records with history, self only. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentIT implements TestPropertyProvider {

  @Inject
  @Client("/")
  HttpClient http;

  IdentityClient client;

  @Override
  public Map<String, String> getProperties() {
    return ServerProperties.forHome(ServerProperties.newHome());
  }

  @BeforeAll
  void createClient() {
    client = new IdentityClient(http);
  }

  private static Map<String, Object> consent(String purpose, boolean granted) {
    return Map.of("consents", List.of(Map.of("purpose", purpose, "granted", granted)));
  }

  @Test
  void versionsEveryChangeAndKeepsHistory() {
    // given
    Session user = client.registerAndLogin("Consenting");
    String path = "/users/" + user.id() + "/consents";

    // when
    Reply initial = client.get(path, user.token());
    client.put(path, consent("research", true), user.token());
    client.put(path, consent("research", true), user.token());
    client.put(path, consent("coaching", true), user.token());
    Reply withdrawn = client.put(path, consent("research", false), user.token());

    // then
    assertThat(initial.list("current")).isEmpty();
    assertThat(withdrawn.status()).isEqualTo(200);
    assertThat(withdrawn.list("history")).hasSize(3);
    assertThat(withdrawn.list("current"))
        .extracting(
            c ->
                ((Map<?, ?>) c).get("purpose")
                    + " v"
                    + ((Map<?, ?>) c).get("version")
                    + " "
                    + ((Map<?, ?>) c).get("granted"))
        .containsExactly("coaching v1 true", "research v2 false");
    assertThat(withdrawn.list("history"))
        .allSatisfy(c -> assertThat(((Map<?, ?>) c).get("recordedAt")).isNotNull());
  }

  @Test
  void refusesOtherUsersAndUnknownPurposes() {
    // given
    Session alice = client.registerAndLogin("Alice");
    Session bob = client.registerAndLogin("Bob");

    // when
    Reply foreign = client.get("/users/" + alice.id() + "/consents", bob.token());
    Reply unknown =
        client.put("/users/" + alice.id() + "/consents", consent("marketing", true), alice.token());

    // then
    assertThat(foreign.status()).isEqualTo(403);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.problemFields()).containsExactly("consents[0].purpose");
  }
}
