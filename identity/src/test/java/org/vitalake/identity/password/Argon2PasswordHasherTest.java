package org.vitalake.identity.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Argon2PasswordHasherTest {

  private final Argon2PasswordHasher hasher = new Argon2PasswordHasher();

  @Test
  void verifiesTheRightPasswordOnly() {
    // given
    String hash = hasher.hash("Correct-password-1".toCharArray());

    // then
    assertThat(hasher.verify("Correct-password-1".toCharArray(), hash)).isTrue();
    assertThat(hasher.verify("Correct-password-2".toCharArray(), hash)).isFalse();
  }

  @Test
  void encodesAlgorithmParametersAndAFreshSalt() {
    // when
    String first = hasher.hash("same-Password-1".toCharArray());
    String second = hasher.hash("same-Password-1".toCharArray());

    // then
    String prefix =
        "$argon2id$v=19$m="
            + Argon2PasswordHasher.MEMORY_KIB
            + ",t="
            + Argon2PasswordHasher.ITERATIONS
            + ",p="
            + Argon2PasswordHasher.PARALLELISM
            + "$";
    assertThat(first).startsWith(prefix).doesNotContain("same-Password-1");
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void neverMatchesMalformedHashes() {
    assertThat(hasher.verify("x".toCharArray(), null)).isFalse();
    assertThat(hasher.verify("x".toCharArray(), "$2a$10$bcrypt")).isFalse();
    assertThat(hasher.verify("x".toCharArray(), "")).isFalse();
  }
}
