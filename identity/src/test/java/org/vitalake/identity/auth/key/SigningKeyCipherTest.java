package org.vitalake.identity.auth.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SigningKeyCipherTest {

  private final SigningKeyCipher cipher = new SigningKeyCipher("operator password".toCharArray());
  private final byte[] secret = "private key bytes".getBytes(StandardCharsets.UTF_8);

  @Test
  void decryptsWhatItEncrypted() {
    String stored = cipher.encrypt("kid-1", secret);

    assertThat(stored).startsWith("v1$").doesNotContain("private key bytes");
    assertThat(cipher.decrypt("kid-1", stored)).isEqualTo(secret);
  }

  @Test
  void refusesAnotherPasswordNamingTheVariable() {
    String stored = cipher.encrypt("kid-1", secret);
    SigningKeyCipher other = new SigningKeyCipher("another password".toCharArray());

    assertThatThrownBy(() -> other.decrypt("kid-1", stored))
        .hasMessageContaining("VITALAKE_SIGNING_KEY_PASSWORD");
  }

  @Test
  void refusesACiphertextMovedToAnotherKeyId() {
    String stored = cipher.encrypt("kid-1", secret);

    assertThatThrownBy(() -> cipher.decrypt("kid-2", stored))
        .isInstanceOf(IllegalStateException.class);
  }
}
