package org.vitalake.identity.auth.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Lets the framework's JWT validation accept exactly the tokens this service signed: RS256, with
 * the {@code kid} of a published key of the ring, and a valid signature under that key.
 */
@Singleton
public class KeyRingSignatureConfiguration implements SignatureConfiguration {

  private final SigningKeyService keys;

  public KeyRingSignatureConfiguration(SigningKeyService keys) {
    this.keys = keys;
  }

  @Override
  public String supportedAlgorithmsMessage() {
    return "Only the RS256 algorithm is supported";
  }

  @Override
  public boolean supports(JWSAlgorithm algorithm) {
    return JWSAlgorithm.RS256.equals(algorithm);
  }

  @Override
  public boolean verify(SignedJWT jwt) throws JOSEException {
    if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
      return false;
    }
    String kid = jwt.getHeader().getKeyID();
    if (kid == null) {
      return false;
    }
    Optional<SigningKey> key = keys.findPublished(kid);
    return key.isPresent() && jwt.verify(new RSASSAVerifier(key.get().publicKey()));
  }
}
