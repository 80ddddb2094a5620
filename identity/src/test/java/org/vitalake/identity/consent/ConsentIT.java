package org.vitalake.identity.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.vitalake.core.consent.ConsentDecision;
import org.vitalake.core.consent.Consents;
import org.vitalake.core.consent.Purpose;
import org.vitalake.core.id.UserId;
import org.vitalake.identity.jdbc.Transactions;
import org.vitalake.identity.outbox.LakehouseOutbox;
import org.vitalake.identity.support.IdentityClient;
import org.vitalake.identity.support.IdentityClient.Session;
import org.vitalake.identity.support.Reply;
import org.vitalake.identity.support.ServerProperties;
import org.vitalake.identity.support.SharedLakehouse;
import org.vitalake.lakehouse.consent.IcebergConsentStore;

/** Versioned consent records with history: changed by the user only, read by them or an admin. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentIT implements TestPropertyProvider {

  @Inject
  @Client("/")
  HttpClient http;

  @Inject LakehouseOutbox outbox;

  @Inject Transactions transactions;

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

  @Test
  void publishesEachNewVersionToTheLakehouseCopy() {
    // given
    Session user = client.registerAndLogin("Published");
    String path = "/users/" + user.id() + "/consents";
    client.put(path, consent("research", true), user.token());
    client.put(path, consent("research", true), user.token()); // unchanged: no new version
    Reply last = client.put(path, consent("research", false), user.token());

    // when
    outbox.publishPending();
    List<ConsentDecision> copied = lakehouseCopy().findAll(UserId.of(user.id()));

    // then: the versions identity reports, each once, with their times, and nothing else
    assertThat(copied)
        .extracting(d -> d.purpose().code() + " v" + d.version() + " " + d.granted())
        .containsExactly("research v1 true", "research v2 false");
    assertThat(copied.get(1).recordedAt().toString())
        .isEqualTo(((Map<?, ?>) last.list("history").get(1)).get("recordedAt"));
    assertThat(Consents.inEffect(copied, Purpose.RESEARCH)).isFalse();
    assertThat(outbox.countPending()).isZero();
  }

  @Test
  void theBackfillPublishesDecisionsRecordedBeforeConsentsWerePublished() {
    // given: a decision in identity's table that never went through the outbox (as before V2)
    Session user = client.registerAndLogin("Earlier");
    Instant recordedAt = Instant.parse("2024-05-01T09:30:00.125Z");
    transactions.inTransaction(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO consents (user_id, purpose, version, granted, policy_version,"
                      + " recorded_at) VALUES (?, 'coaching', 1, FALSE, '2024-04', ?)")) {
            insert.setString(1, user.id());
            insert.setObject(2, recordedAt.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
          }
          try (PreparedStatement backfill =
              connection.prepareStatement(
                  "INSERT INTO lakehouse_outbox (kind, user_id, payload, created_at)"
                      + " VALUES ('consent_backfill', '*', '{}', CURRENT_TIMESTAMP)")) {
            backfill.executeUpdate();
          }
          return null;
        });

    // when
    outbox.publishPending();

    // then
    assertThat(lakehouseCopy().findAll(UserId.of(user.id())))
        .containsExactly(
            new ConsentDecision(
                UserId.of(user.id()), Purpose.COACHING, 1, false, "2024-04", recordedAt));
    assertThat(outbox.countPending()).isZero();
  }

  private static IcebergConsentStore lakehouseCopy() {
    return new IcebergConsentStore(SharedLakehouse.get().lakehouse());
  }
}
