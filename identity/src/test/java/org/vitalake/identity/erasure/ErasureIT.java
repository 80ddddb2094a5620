package org.vitalake.identity.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.vitalake.identity.outbox.LakehouseOutbox;
import org.vitalake.identity.support.IdentityClient;
import org.vitalake.identity.support.IdentityClient.Session;
import org.vitalake.identity.support.Reply;
import org.vitalake.identity.support.ServerProperties;
import org.vitalake.identity.support.SharedLakehouse;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableScanner;

/** Erasure removes the account and leaves a request in the real lakehouse for the pipeline. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErasureIT implements TestPropertyProvider {

  @Inject
  @Client("/")
  HttpClient http;

  @Inject LakehouseOutbox outbox;

  @Inject org.vitalake.identity.jdbc.Transactions transactions;

  IdentityClient client;

  @Override
  public Map<String, String> getProperties() {
    return ServerProperties.forHome(ServerProperties.newHome());
  }

  @BeforeAll
  void createClient() {
    client = new IdentityClient(http);
  }

  @Test
  void erasesTheAccountRevokesTokensAndRecordsTheRequest() {
    // given
    Session user = client.registerAndLogin("Forget Me");
    client.put(
        "/users/" + user.id() + "/consents",
        Map.of("consents", List.of(Map.of("purpose", "research", "granted", true))),
        user.token());
    Instant before = Instant.now();

    // when
    Reply erased = client.delete("/users/" + user.id(), user.token());
    outbox.publishPending();

    // then
    assertThat(erased.status()).isEqualTo(202);
    assertThat(erased.body()).containsEntry("userId", user.id()).containsKey("requestId");
    assertThat(client.refresh(user.refreshToken()).status()).isEqualTo(401);
    assertThat(client.login(user.email(), IdentityClient.PASSWORD).status()).isEqualTo(401);
    String admin =
        client.login(ServerProperties.ADMIN_EMAIL, ServerProperties.ADMIN_PASSWORD).text("token");
    assertThat(client.get("/users/" + user.id(), admin).status()).isEqualTo(404);
    assertThat(client.register("Again", user.email(), IdentityClient.PASSWORD).status())
        .isEqualTo(201);

    List<Record> requests =
        new TableScanner(SharedLakehouse.get().lakehouse())
            .scan(LakehouseTables.ERASURE_REQUESTS.id(), Expressions.equal("user_id", user.id()));
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).getField("request_id")).isEqualTo(erased.text("requestId"));
    assertThat(((OffsetDateTime) requests.get(0).getField("requested_at")).toInstant())
        .isAfterOrEqualTo(before.minusSeconds(1));
    // the outbox keeps no copy of the profile or the consents, published or not: only the request
    assertThat(outboxKinds(user.id())).containsExactly("erasure_request");
  }

  private List<String> outboxKinds(String userId) {
    return transactions.inTransaction(
        connection -> {
          List<String> kinds = new java.util.ArrayList<>();
          try (java.sql.PreparedStatement select =
              connection.prepareStatement(
                  "SELECT kind FROM lakehouse_outbox WHERE user_id = ? ORDER BY id")) {
            select.setString(1, userId);
            try (java.sql.ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                kinds.add(rs.getString(1));
              }
            }
          }
          return kinds;
        });
  }

  @Test
  void refusesToEraseSomeoneElse() {
    // given
    Session alice = client.registerAndLogin("Alice");
    Session bob = client.registerAndLogin("Bob");

    // when
    Reply attempt = client.delete("/users/" + alice.id(), bob.token());

    // then
    assertThat(attempt.status()).isEqualTo(403);
    assertThat(client.get("/users/me", alice.token()).status()).isEqualTo(200);
  }

  @Test
  void letsAnAdminErase() {
    // given
    Session user = client.registerAndLogin("Erased By Admin");
    String admin =
        client.login(ServerProperties.ADMIN_EMAIL, ServerProperties.ADMIN_PASSWORD).text("token");

    // when
    Reply erased = client.delete("/users/" + user.id(), admin);

    // then
    assertThat(erased.status()).isEqualTo(202);
    assertThat(client.get("/users/me", user.token()).status()).isEqualTo(404);
  }
}
