package org.vitalake.identity.external;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.micronaut.http.HttpRequest;
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

/** Client-credentials tokens and the participant mapping used by importers and the demo. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceAccountIT implements TestPropertyProvider {

  @Inject
  @Client("/")
  HttpClient http;

  IdentityClient client;
  String serviceToken;

  @Override
  public Map<String, String> getProperties() {
    return ServerProperties.forHome(ServerProperties.newHome());
  }

  @BeforeAll
  void obtainServiceToken() {
    client = new IdentityClient(http);
    serviceToken =
        client
            .serviceToken(ServerProperties.SERVICE_CLIENT, ServerProperties.SERVICE_SECRET)
            .text("token");
  }

  @Test
  void issuesServiceTokensOnlyForConfiguredClients() throws Exception {
    // when
    Reply good =
        client.serviceToken(ServerProperties.SERVICE_CLIENT, ServerProperties.SERVICE_SECRET);
    Reply wrongSecret =
        client.serviceToken(ServerProperties.SERVICE_CLIENT, "wrong-secret-0123456789");
    Reply json =
        client.send(
            HttpRequest.POST(
                "/oauth/token",
                Map.of(
                    "grant_type", "client_credentials",
                    "client_id", ServerProperties.SERVICE_CLIENT,
                    "client_secret", ServerProperties.SERVICE_SECRET)));
    Reply wrongGrant =
        client.send(HttpRequest.POST("/oauth/token", Map.of("grant_type", "password")));

    // then
    assertThat(good.status()).isEqualTo(200);
    assertThat(((Number) good.body().get("expiresIn")).longValue()).isEqualTo(15 * 60);
    var claims = SignedJWT.parse(good.text("token")).getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo(ServerProperties.SERVICE_CLIENT);
    assertThat(claims.getStringListClaim("roles")).containsExactly("service");
    assertThat(wrongSecret.status()).isEqualTo(401);
    assertThat(json.status()).isEqualTo(200);
    assertThat(wrongGrant.status()).isEqualTo(400);
    assertThat(wrongGrant.problemFields()).containsExactly("grant_type");
  }

  @Test
  void mapsAParticipantToTheSameUserEveryTime() {
    // given
    Map<String, Object> participant =
        Map.of(
            "system", "fitabase",
            "externalId", "1503960366",
            "password", IdentityClient.PASSWORD,
            "heightCm", 172.0,
            "timeZone", "America/Chicago");

    // when
    Reply first = client.post("/users/external", participant, serviceToken);
    Reply again = client.post("/users/external", participant, serviceToken);
    Reply login =
        client.login("fitabase.1503960366@participants.vitalake.invalid", IdentityClient.PASSWORD);
    Reply me = client.get("/users/me", login.text("token"));

    // then
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.body()).containsEntry("created", true);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).containsEntry("created", false).containsEntry("id", first.text("id"));
    assertThat(me.body())
        .containsEntry("id", first.text("id"))
        .containsEntry("name", "fitabase participant 1503960366")
        .containsEntry("heightCm", 172.0);
  }

  @Test
  void mapsAParticipantWithTheLongestAllowedSystemAndId() {
    // given: 32 + 64 characters, which with " participant " exceed the 100-character name column
    Map<String, Object> participant =
        Map.of("system", "s".repeat(32), "externalId", "E".repeat(63) + "1");

    // when
    Reply mapped = client.post("/users/external", participant, serviceToken);

    // then
    assertThat(mapped.status()).isEqualTo(201);
    assertThat(mapped.body()).containsEntry("created", true);
  }

  @Test
  void refusesParticipantMappingToUsersAndBadIds() {
    // given
    String userToken = client.registerAndLogin("Plain").token();

    // when
    Reply byUser =
        client.post("/users/external", Map.of("system", "fitabase", "externalId", "1"), userToken);
    Reply badId =
        client.post(
            "/users/external", Map.of("system", "fitabase", "externalId", "a b"), serviceToken);
    Reply noSystem = client.post("/users/external", Map.of("externalId", "1"), serviceToken);

    // then
    assertThat(byUser.status()).isEqualTo(403);
    assertThat(badId.problemFields()).containsExactly("externalId");
    assertThat(noSystem.problemFields()).containsExactly("system");
  }

  @Test
  void refusesUserEndpointsThatNeedAnAccountToServiceTokens() {
    assertThat(client.get("/users/me", serviceToken).status()).isEqualTo(404);
  }
}
