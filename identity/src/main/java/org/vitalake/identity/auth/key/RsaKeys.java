package org.vitalake.identity.auth.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Generation, encoding and parsing of RSA key material for the key ring. */
final class RsaKeys {

  static final int KEY_BITS = 2048;

  private RsaKeys() {}

  record Pair(RSAPublicKey publicKey, RSAPrivateKey privateKey) {}

  static Pair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(KEY_BITS);
      var pair = generator.generateKeyPair();
      return new Pair((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA key generation is unavailable", e);
    }
  }

  /**
   * Parses a PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}); literal {@code \n} sequences are
   * accepted because a PEM passed through an environment variable often arrives on one line.
   */
  static Pair parsePkcs8Pem(String pem) {
    String body =
        pem.replace("\\n", "\n")
            .replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    if (pem.contains("BEGIN RSA PRIVATE KEY")) {
      throw new IllegalStateException(
          "VITALAKE_SIGNING_KEY_PEM holds a PKCS#1 key; convert it with"
              + " 'openssl pkcs8 -topk8 -nocrypt -in key.pem' to PKCS#8");
    }
    try {
      KeyFactory factory = KeyFactory.getInstance("RSA");
      var privateKey =
          (RSAPrivateCrtKey)
              factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
      if (privateKey.getModulus().bitLength() < KEY_BITS) {
        throw new IllegalStateException(
            "VITALAKE_SIGNING_KEY_PEM is a "
                + privateKey.getModulus().bitLength()
                + "-bit RSA key; at least "
                + KEY_BITS
                + " bits are required");
      }
      var publicKey =
          (RSAPublicKey)
              factory.generatePublic(
                  new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
      return new Pair(publicKey, privateKey);
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new IllegalStateException(
          "VITALAKE_SIGNING_KEY_PEM is not a PKCS#8 PEM-encoded RSA private key", e);
    }
  }

  static String encodePublic(RSAPublicKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  static RSAPublicKey decodePublic(String encoded) {
    try {
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA")
              .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(encoded)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("stored public key is not an RSA key", e);
    }
  }

  static RSAPrivateKey decodePrivate(byte[] pkcs8) {
    try {
      return (RSAPrivateKey)
          KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("stored private key is not an RSA key", e);
    }
  }

  /** RFC 7638 thumbprint: the same key always gets the same kid, wherever it is loaded. */
  static String thumbprint(RSAPublicKey key) {
    try {
      return new RSAKey.Builder(key).build().computeThumbprint().toString();
    } catch (JOSEException e) {
      throw new IllegalStateException("could not compute the key thumbprint", e);
    }
  }
}
