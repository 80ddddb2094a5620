package org.vitalake.identity.auth.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.vitalake.identity.support.IdentityClient;
import org.vitalake.identity.support.IdentityClient.Session;
import org.vitalake.identity.support.Reply;
import org.vitalake.identity.support.ServerProperties;

/** The generated signing key: stored encrypted, kept across restarts, rotated by an admin. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyRotationIT implements TestPropertyProvider {

  static final String PASSWORD = "key-rotation-test-password";

  @Inject
  @Client("/")
  HttpClient http;

  IdentityClient client;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = ServerProperties.forHome(ServerProperties.newHome());
    properties.put("vitalake.identity.signing-key-password", PASSWORD);
    return properties;
  }

  @BeforeAll
  void createClient() {
    client = new IdentityClient(http);
  }

  private List<String> publishedKids() throws Exception {
    return JWKSet.parse(client.getText("/.well-known/jwks.json")).getKeys().stream()
        .map(JWK::getKeyID)
        .toList();
  }

  private static String kidOf(String token) throws Exception {
    return SignedJWT.parse(token).getHeader().getKeyID();
  }

  @Test
  void rotationSignsWithTheNewKeyAndKeepsOldTokensValid() throws Exception {
    // given
    Session user = client.registerAndLogin("Rotating");
    String admin =
        client.login(ServerProperties.ADMIN_EMAIL, ServerProperties.ADMIN_PASSWORD).text("token");
    String oldKid = kidOf(user.token());

    // when
    Reply byUser = client.post("/admin/keys/rotate", Map.of(), user.token());
    Reply rotation = client.post("/admin/keys/rotate", Map.of(), admin);
    String newToken = client.login(user.email(), IdentityClient.PASSWORD).text("token");

    // then
    assertThat(byUser.status()).isEqualTo(403);
    assertThat(rotation.status()).isEqualTo(200);
    String newKid = rotation.text("activeKid");
    assertThat(newKid).isNotEqualTo(oldKid);
    assertThat(kidOf(newToken)).isEqualTo(newKid);
    assertThat(publishedKids()).contains(oldKid, newKid);
    assertThat(client.get("/users/me", user.token()).status()).isEqualTo(200);
    assertThat(client.get("/users/me", newToken).status()).isEqualTo(200);
  }

  @Test
  void keepsTheSigningKeyAcrossRestartsAndRefusesAWrongPassword() throws Exception {
    // given: a server of its own, stopped and started again on the same database
    Map<String, Object> properties =
        new HashMap<>(ServerProperties.forHome(ServerProperties.newHome()));
    properties.put("vitalake.identity.signing-key-password", PASSWORD);
    properties.put("micronaut.server.port", "-1");

    // when
    List<String> first = kidsOfNewServer(properties);
    List<String> second = kidsOfNewServer(properties);
    Map<String, Object> wrongPassword = new HashMap<>(properties);
    wrongPassword.put("vitalake.identity.signing-key-password", "not-the-password");

    // then
    assertThat(first).hasSize(1);
    assertThat(second).isEqualTo(first);
    assertThatThrownBy(() -> kidsOfNewServer(wrongPassword))
        .hasStackTraceContaining("VITALAKE_SIGNING_KEY_PASSWORD does not decrypt signing key");
  }

  private static List<String> kidsOfNewServer(Map<String, Object> properties) throws Exception {
    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
        HttpClient http = HttpClient.create(server.getURL())) {
      return JWKSet.parse(http.toBlocking().retrieve("/.well-known/jwks.json")).getKeys().stream()
          .map(JWK::getKeyID)
          .toList();
    }
  }
}
