package org.vitalake.identity.password;

import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing (BouncyCastle) in the PHC string format, so every stored hash carries
 * its own salt and cost parameters and the costs can be raised without invalidating old hashes.
 */
@Singleton
public class Argon2PasswordHasher {

  /** OWASP's Argon2id baseline: 19 MiB, 2 passes, 1 lane. */
  public static final int MEMORY_KIB = 19_456;

  public static final int ITERATIONS = 2;
  public static final int PARALLELISM = 1;

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Pattern PHC =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final SecureRandom random = new SecureRandom();
  private final String decoy;

  public Argon2PasswordHasher() {
    this.decoy = hash("decoy password used to equalise timing".toCharArray());
  }

  /** Hashes {@code password} with a fresh random salt. */
  public String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
    return "$argon2id$v=19$m="
        + MEMORY_KIB
        + ",t="
        + ITERATIONS
        + ",p="
        + PARALLELISM
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(hash);
  }

  /** Whether {@code password} matches {@code encoded}; malformed encodings never match. */
  public boolean verify(char[] password, String encoded) {
    Matcher m = encoded == null ? null : PHC.matcher(encoded);
    if (m == null || !m.matches()) {
      return false;
    }
    byte[] salt = B64D.decode(m.group(4));
    byte[] expected = B64D.decode(m.group(5));
    byte[] actual =
        derive(
            password,
            salt,
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)),
            expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  /**
   * Spends the same time as a real verification, so that an unknown email cannot be told apart from
   * a wrong password by response time.
   */
  public void verifyDecoy(char[] password) {
    verify(password, decoy);
  }

  /** Raw Argon2id derivation, also used to derive the signing-key encryption key. */
  public static byte[] derive(
      char[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] out = new byte[length];
    generator.generateBytes(password, out);
    return out;
  }
}
