package org.vitalake.ingest.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * A stand-in for identity's key endpoint: an RSA key whose public half is served as a JWKS over
 * HTTP, and RS256 tokens signed with it (plus the wrong ones for negative tests).
 */
public final class JwksFixture implements AutoCloseable {

  public static final String ISSUER = "vitalake-identity";
  public static final String AUDIENCE = "vitalake";

  private final RSAKey key;
  private final RSAKey strangerKey;
  private final HttpServer server;

  public JwksFixture() {
    try {
      key = new RSAKeyGenerator(2048).keyID("identity-" + UUID.randomUUID()).generate();
      strangerKey = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an RSA key", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/.well-known/jwks.json",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, jwks.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(jwks);
          }
        });
    server.start();
  }

  /** Where the JWKS is served. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
  }

  /** A valid token for {@code subject} with {@code roles}, an hour to live. */
  public String token(String subject, String... roles) {
    return sign(key, subject, AUDIENCE, Instant.now().plus(Duration.ofHours(1)), roles);
  }

  /** A token that expired ten minutes ago. */
  public String expiredToken(String subject) {
    return sign(key, subject, AUDIENCE, Instant.now().minus(Duration.ofMinutes(10)), "user");
  }

  /** A token for another audience. */
  public String tokenForAudience(String subject, String audience) {
    return sign(key, subject, audience, Instant.now().plus(Duration.ofHours(1)), "user");
  }

  /** A token signed by a key the JWKS does not hold (same key id, other key material). */
  public String tokenFromUnknownKey(String subject) {
    return sign(strangerKey, subject, AUDIENCE, Instant.now().plus(Duration.ofHours(1)), "user");
  }

  private static String sign(
      RSAKey signingKey, String subject, String audience, Instant expiry, String... roles) {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .audience(audience)
            .subject(subject)
            .claim("roles", List.of(roles))
            .issueTime(Date.from(expiry.minus(Duration.ofHours(1))))
            .notBeforeTime(Date.from(expiry.minus(Duration.ofHours(1))))
            .expirationTime(Date.from(expiry))
            .jwtID(UUID.randomUUID().toString())
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
    try {
      jwt.sign(new RSASSASigner(signingKey));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return jwt.serialize();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
