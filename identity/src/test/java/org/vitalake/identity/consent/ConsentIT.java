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

/** Versioned consent records with history: changed by the user only, read by them or an admin. */
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

  @Test
  void letsAnAdminReadButNotChangeAnotherUsersConsents() {
    // given: a user who granted research, an admin and another user
    Session owner = client.registerAndLogin("Requester");
    Session other = client.registerAndLogin("Neighbour");
    String path = "/users/" + owner.id() + "/consents";
    Reply granted = client.put(path, consent("research", true), owner.token());
    String admin =
        client.login(ServerProperties.ADMIN_EMAIL, ServerProperties.ADMIN_PASSWORD).text("token");

    // when
    Reply byAdmin = client.get(path, admin);
    Reply byOther = client.get(path, other.token());
    Reply changedByAdmin = client.put(path, consent("research", false), admin);

    // then
    assertThat(byAdmin.status()).isEqualTo(200);
    assertThat(byAdmin.text("userId")).isEqualTo(owner.id());
    assertThat(byAdmin.list("current")).isEqualTo(granted.list("current"));
    assertThat(byAdmin.list("history")).isEqualTo(granted.list("history"));
    assertThat(byOther.status()).isEqualTo(403);
    assertThat(byOther.contentType()).isEqualTo("application/problem+json");
    assertThat(changedByAdmin.status()).isEqualTo(403);
    assertThat(client.get(path, owner.token()).list("history")).hasSize(1);
  }
}
