package org.vitalake.identity.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.UUID;
import org.vitalake.identity.IdentityProperties;
import org.vitalake.identity.auth.key.SigningKey;
import org.vitalake.identity.auth.key.SigningKeyService;
import org.vitalake.identity.role.Role;

/** Signs short-lived RS256 access tokens with the active key of the ring. */
@Singleton
public class AccessTokenIssuer {

  /** Name of the claim listing the holder's role codes. */
  public static final String ROLES_CLAIM = "roles";

  private final SigningKeyService keys;
  private final IdentityProperties properties;
  private final Clock clock;

  public AccessTokenIssuer(SigningKeyService keys, IdentityProperties properties, Clock clock) {
    this.keys = keys;
    this.properties = properties;
    this.clock = clock;
  }

  /** A signed token and its lifetime. */
  public record AccessToken(String token, Duration expiresIn) {

    @Override
    public String toString() {
      return "AccessToken[expiresIn=" + expiresIn + "]";
    }
  }

  public AccessToken issue(String subject, Collection<Role> roles) {
    SigningKey key = keys.activeKey();
    Instant now = clock.instant();
    Duration ttl = properties.accessTokenTtl();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(properties.issuer())
            .audience(properties.audience())
            .subject(subject)
            .claim(ROLES_CLAIM, roles.stream().sorted().map(Role::code).toList())
            .jwtID(UUID.randomUUID().toString())
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .build();
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid()).type(JOSEObjectType.JWT).build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(new RSASSASigner(key.privateKey()));
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign a token with key " + key.kid(), e);
    }
    return new AccessToken(jwt.serialize(), ttl);
  }
}
