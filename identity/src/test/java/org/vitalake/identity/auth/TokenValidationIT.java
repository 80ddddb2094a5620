package org.vitalake.identity.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.vitalake.identity.support.IdentityClient;
import org.vitalake.identity.support.IdentityClient.Session;
import org.vitalake.identity.support.Reply;
import org.vitalake.identity.support.ServerProperties;
import org.vitalake.identity.support.TestTokens;

/**
 * Token validation: the service signs with a key the test also holds (VITALAKE_SIGNING_KEY_PEM), so
 * the test can forge tokens that differ from a valid one in exactly one respect. Each refusal says
 * what was wrong.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenValidationIT implements TestPropertyProvider {

  static final KeyPair SIGNING_KEY = TestTokens.newRsaKey();
  static final String KID = TestTokens.kid(SIGNING_KEY);

  /** What every 401 from the security filter says a valid token is. */
  static final String VALID_TOKEN =
      "a valid bearer token is required: an RS256 JWT issued by "
          + TestTokens.ISSUER
          + " for the audience "
          + TestTokens.AUDIENCE
          + ", not expired";

  @Inject
  @Client("/")
  HttpClient http;

  IdentityClient client;
  Session user;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = ServerProperties.forHome(ServerProperties.newHome());
    properties.put("vitalake.identity.signing-key-pem", TestTokens.pem(SIGNING_KEY));
    return properties;
  }

  @BeforeAll
  void registerUser() {
    client = new IdentityClient(http);
    user = client.registerAndLogin("Tess");
  }

  private JWTClaimsSet validClaims() {
    return TestTokens.claims(user.id(), Instant.now(), Duration.ofMinutes(5)).build();
  }

  @Test
  void issuesRs256TokensWithTheConfiguredKeyAndTheContractClaims() throws ParseException {
    // when
    SignedJWT token = SignedJWT.parse(user.token());
    String jwks = client.getText("/.well-known/jwks.json");

    // then
    assertThat(token.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    assertThat(token.getHeader().getKeyID()).isEqualTo(KID);
    JWTClaimsSet claims = token.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("vitalake-identity");
    assertThat(claims.getAudience()).containsExactly("vitalake");
    assertThat(claims.getSubject()).isEqualTo(user.id());
    assertThat(claims.getStringListClaim("roles")).containsExactly("user");
    assertThat(claims.getJWTID()).isNotBlank();
    assertThat(
            Duration.between(
                claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
        .isEqualTo(Duration.ofMinutes(15));
    assertThat(jwks).contains("\"kid\":\"" + KID + "\"").doesNotContain("\"d\":");
  }

  @Test
  void acceptsAForgedTokenThatIsValidInEveryRespect() {
    // given: the control for every rejection below
    String token = TestTokens.rs256(SIGNING_KEY, KID, validClaims());

    // when
    Reply me = client.get("/users/me", token);

    // then
    assertThat(me.status()).isEqualTo(200);
  }

  @Test
  void rejectsExpiredToken() {
    String token =
        TestTokens.rs256(
            SIGNING_KEY,
            KID,
            TestTokens.claims(
                    user.id(), Instant.now().minus(Duration.ofHours(2)), Duration.ofMinutes(15))
                .build());
    assertUnauthorized(token);
  }

  @Test
  void rejectsTokenSignedByAnotherKeyUnderTheSameKid() {
    assertUnauthorized(TestTokens.rs256(TestTokens.newRsaKey(), KID, validClaims()));
  }

  @Test
  void rejectsTokenWithUnknownKid() {
    KeyPair other = TestTokens.newRsaKey();
    assertUnauthorized(TestTokens.rs256(other, TestTokens.kid(other), validClaims()));
  }

  @Test
  void rejectsUnsignedToken() {
    assertUnauthorized(TestTokens.unsigned(validClaims()));
  }

  @Test
  void rejectsHs256TokenKeyedWithThePublicKey() {
    assertUnauthorized(TestTokens.hs256WithPublicKey(SIGNING_KEY, KID, validClaims()));
  }

  @Test
  void rejectsTamperedToken() {
    // given: a genuine token whose roles were edited to admin
    String genuine = TestTokens.rs256(SIGNING_KEY, KID, validClaims());
    JWTClaimsSet escalated =
        new JWTClaimsSet.Builder(validClaims()).claim("roles", List.of("admin")).build();

    // then
    assertUnauthorized(TestTokens.withPayload(genuine, escalated));
  }

  @Test
  void rejectsWrongAudience() {
    assertUnauthorized(
        TestTokens.rs256(
            SIGNING_KEY,
            KID,
            new JWTClaimsSet.Builder(validClaims()).audience("other-platform").build()));
  }

  @Test
  void rejectsWrongIssuer() {
    assertUnauthorized(
        TestTokens.rs256(
            SIGNING_KEY,
            KID,
            new JWTClaimsSet.Builder(validClaims()).issuer("someone-else").build()));
  }

  @Test
  void rejectsGarbage() {
    assertUnauthorized("not.a.token");
  }

  @Test
  void saysWhenNoTokenWasSent() {
    // when
    Reply reply = client.get("/users/me", null);

    // then
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    assertThat(reply.text("detail")).isEqualTo("no bearer token was sent; " + VALID_TOKEN);
  }

  @Test
  void saysWhenTheAuthorizationHeaderIsNotABearerToken() {
    // when
    Reply reply =
        client.send(HttpRequest.GET("/users/me").basicAuth(user.email(), IdentityClient.PASSWORD));

    // then
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.text("detail"))
        .isEqualTo("the Authorization header is not of the form 'Bearer <token>'; " + VALID_TOKEN);
  }

  @Test
  void namesTheAdminRoleWhenAUserCallsAnAdminRoute() {
    // when
    Reply reply =
        client.put(
            "/users/" + user.id() + "/roles", Map.of("roles", List.of("admin")), user.token());

    // then
    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    assertThat(reply.text("detail"))
        .isEqualTo(
            "the token's roles (user) do not allow this request: this route needs the admin role");
  }

  @Test
  void namesEveryRoleThatWouldDo() {
    // when: a user creates a participant, which a service or an admin may do
    Reply reply = client.post("/users/external", Map.of(), user.token());

    // then
    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.text("detail"))
        .isEqualTo(
            "the token's roles (user) do not allow this request:"
                + " this route needs one of the roles service, admin");
  }

  private void assertUnauthorized(String token) {
    // when
    Reply reply = client.get("/users/me", token);

    // then
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    assertThat(reply.body()).doesNotContainKeys("email", "id");
    assertThat(reply.text("detail"))
        .isEqualTo(
            "the bearer token was rejected (invalid, expired or wrongly signed); " + VALID_TOKEN);
  }
}
