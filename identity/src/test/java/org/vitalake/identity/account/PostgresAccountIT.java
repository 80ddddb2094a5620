package org.vitalake.identity.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.vitalake.identity.support.IdentityClient;
import org.vitalake.identity.support.IdentityClient.Session;
import org.vitalake.identity.support.Reply;
import org.vitalake.identity.support.ServerProperties;
import org.vitalake.lakehouse.local.PostgresServer;

/**
 * The account flow on PostgreSQL, the production identity store: the same migrations and SQL as on
 * H2, against a real PostgreSQL server started from the installed binaries.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresAccountIT implements TestPropertyProvider {

  PostgresServer postgres;

  @Inject
  @Client("/")
  HttpClient http;

  IdentityClient client;

  @Override
  public Map<String, String> getProperties() {
    postgres = PostgresServer.start();
    Map<String, String> properties = ServerProperties.forHome(ServerProperties.newHome());
    properties.put("datasources.default.url", postgres.createDatabase("identity"));
    properties.put("datasources.default.username", postgres.user());
    properties.put("datasources.default.password", "");
    return properties;
  }

  @BeforeAll
  void createClient() {
    client = new IdentityClient(http);
  }

  @AfterAll
  void stopPostgres() {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void runsTheAccountFlowOnPostgres() {
    // given
    Session user = client.registerAndLogin("Postgres User");
    String path = "/users/" + user.id();

    // when
    Reply duplicate = client.register("Again", user.email(), IdentityClient.PASSWORD);
    Reply updated =
        client.put(path, Map.of("heightCm", 175.5, "dateOfBirth", "1979-02-03"), user.token());
    Reply consents =
        client.put(
            path + "/consents",
            Map.of("consents", List.of(Map.of("purpose", "coaching", "granted", true))),
            user.token());
    Reply refreshed = client.refresh(user.refreshToken());
    Reply me = client.get("/users/me", refreshed.text("token"));
    Reply erased = client.delete(path, user.token());

    // then
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(updated.body())
        .containsEntry("heightCm", 175.5)
        .containsEntry("dateOfBirth", "1979-02-03");
    assertThat(consents.list("current")).hasSize(1);
    assertThat(refreshed.status()).isEqualTo(200);
    assertThat(me.body()).containsEntry("id", user.id()).containsEntry("email", user.email());
    assertThat(erased.status()).isEqualTo(202);
    assertThat(client.login(user.email(), IdentityClient.PASSWORD).status()).isEqualTo(401);
    assertThat(client.refresh(refreshed.text("refreshToken")).status()).isEqualTo(401);
  }
}
