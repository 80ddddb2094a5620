package org.vitalake.identity.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Builds tokens, good and bad, the way an attacker or a misconfigured issuer would. */
public final class TestTokens {

  /** The {@code iss} and {@code aud} the service issues and expects by default. */
  public static final String ISSUER = "vitalake-identity";

  public static final String AUDIENCE = "vitalake";

  private TestTokens() {}

  public static KeyPair newRsaKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** PKCS#8 PEM, the format of {@code VITALAKE_SIGNING_KEY_PEM}. */
  public static String pem(KeyPair key) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  /** The RFC 7638 thumbprint the service uses as kid. */
  public static String kid(KeyPair key) {
    try {
      return new RSAKey.Builder((RSAPublicKey) key.getPublic())
          .build()
          .computeThumbprint()
          .toString();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Claims as the service issues them, valid for {@code ttl} from {@code issuedAt}. */
  public static JWTClaimsSet.Builder claims(String subject, Instant issuedAt, Duration ttl) {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject(subject)
        .claim("roles", List.of("user"))
        .jwtID(UUID.randomUUID().toString())
        .issueTime(Date.from(issuedAt))
        .expirationTime(Date.from(issuedAt.plus(ttl)));
  }

  public static String rs256(KeyPair key, String kid, JWTClaimsSet claims) {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(JOSEObjectType.JWT).build(),
            claims);
    try {
      jwt.sign(new RSASSASigner(key.getPrivate()));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  /** HS256 keyed with the public key's bytes: the classic algorithm-confusion attack. */
  public static String hs256WithPublicKey(KeyPair key, String kid, JWTClaimsSet claims) {
    SignedJWT jwt =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims);
    try {
      jwt.sign(new MACSigner(key.getPublic().getEncoded()));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  /** {@code alg: none}, no signature. */
  public static String unsigned(JWTClaimsSet claims) {
    return new PlainJWT(claims).serialize();
  }

  /** Replaces the payload of a signed token, keeping header and signature. */
  public static String withPayload(String token, JWTClaimsSet claims) {
    String[] parts = token.split("\\.");
    String payload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(claims.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return parts[0] + "." + payload + "." + parts[2];
  }
}
