package org.vitalake.serving;

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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * A stand-in for identity's key endpoint: a real RSA key, its public half served as a JWKS over
 * HTTP, and RS256 tokens signed with it carrying the claims identity issues.
 */
public final class JwksFixture implements AutoCloseable {

  private final RSAKey key;
  private final HttpServer server;

  private JwksFixture(RSAKey key, HttpServer server) {
    this.key = key;
    this.server = server;
  }

  public static JwksFixture start() {
    try {
      RSAKey key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
      byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
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
      return new JwksFixture(key, server);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an RSA key", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the JWKS server", e);
    }
  }

  public String jwksUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
  }

  /** A token identity would issue to {@code subject} with {@code roles}. */
  public String token(String subject, String... roles) {
    return tokenFrom("vitalake-identity", "vitalake", subject, roles);
  }

  /** A token with a chosen issuer and audience, to show others are refused. */
  public String tokenFrom(String issuer, String audience, String subject, String... roles) {
    return sign(issuer, audience, subject, Instant.now(), roles);
  }

  /** A token identity issued to {@code subject} an hour ago, expired 45 minutes ago. */
  public String expiredToken(String subject, String... roles) {
    return sign(
        "vitalake-identity", "vitalake", subject, Instant.now().minus(Duration.ofHours(1)), roles);
  }

  private String sign(
      String issuer, String audience, String subject, Instant now, String... roles) {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(audience)
            .subject(subject)
            .claim("roles", List.of(roles))
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now.minusSeconds(5)))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
            .jwtID(UUID.randomUUID().toString())
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    try {
      jwt.sign(new RSASSASigner(key));
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
