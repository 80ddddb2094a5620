package org.vitalake.identity.auth.key;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.vitalake.identity.password.Argon2PasswordHasher;

/**
 * Encrypts signing keys at rest with AES-256-GCM under a key derived from the operator's password
 * by Argon2id; the key id is authenticated data, so a ciphertext cannot be moved to another row.
 */
final class SigningKeyCipher {

  private static final String FORMAT = "v1";
  private static final int SALT_BYTES = 16;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final Base64.Encoder B64 = Base64.getEncoder();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final char[] password;
  private final SecureRandom random = new SecureRandom();

  SigningKeyCipher(char[] password) {
    this.password = password.clone();
  }

  String encrypt(String kid, byte[] plaintext) {
    byte[] salt = new byte[SALT_BYTES];
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(salt);
    random.nextBytes(iv);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, salt, iv, kid);
      byte[] ciphertext = cipher.doFinal(plaintext);
      return String.join(
          "$",
          FORMAT,
          B64.encodeToString(salt),
          B64.encodeToString(iv),
          B64.encodeToString(ciphertext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not encrypt signing key " + kid, e);
    }
  }

  byte[] decrypt(String kid, String encoded) {
    String[] parts = encoded.split("\\$");
    if (parts.length != 4 || !FORMAT.equals(parts[0])) {
      throw new IllegalStateException("signing key " + kid + " is stored in an unknown format");
    }
    try {
      Cipher cipher =
          cipher(Cipher.DECRYPT_MODE, B64D.decode(parts[1]), B64D.decode(parts[2]), kid);
      return cipher.doFinal(B64D.decode(parts[3]));
    } catch (AEADBadTagException e) {
      throw new IllegalStateException(
          "VITALAKE_SIGNING_KEY_PASSWORD does not decrypt signing key "
              + kid
              + ": it differs from the password the key was stored with",
          e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not decrypt signing key " + kid, e);
    }
  }

  private Cipher cipher(int mode, byte[] salt, byte[] iv, String kid)
      throws GeneralSecurityException {
    byte[] key =
        Argon2PasswordHasher.derive(
            password,
            salt,
            Argon2PasswordHasher.MEMORY_KIB,
            Argon2PasswordHasher.ITERATIONS,
            Argon2PasswordHasher.PARALLELISM,
            32);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
    cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
