package org.vitalake.identity.auth.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.vitalake.identity.support.TestTokens;

class RsaKeysTest {

  @Test
  void parsesPkcs8PemAlsoWhenNewlinesAreEscaped() {
    // given
    KeyPair key = TestTokens.newRsaKey();
    String pem = TestTokens.pem(key);

    // when
    RsaKeys.Pair parsed = RsaKeys.parsePkcs8Pem(pem);
    RsaKeys.Pair oneLine = RsaKeys.parsePkcs8Pem(pem.replace("\n", "\\n"));

    // then
    assertThat(parsed.publicKey()).isEqualTo(key.getPublic());
    assertThat(oneLine.privateKey().getEncoded()).isEqualTo(key.getPrivate().getEncoded());
    assertThat(RsaKeys.thumbprint(parsed.publicKey())).isEqualTo(TestTokens.kid(key));
  }

  @Test
  void roundTripsStoredPublicKeys() {
    RsaKeys.Pair generated = RsaKeys.generate();

    assertThat(RsaKeys.decodePublic(RsaKeys.encodePublic(generated.publicKey())))
        .isEqualTo(generated.publicKey());
  }

  @Test
  void refusesWhatIsNotAPkcs8RsaKey() {
    assertThatThrownBy(
            () ->
                RsaKeys.parsePkcs8Pem(
                    "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"))
        .hasMessageContaining("VITALAKE_SIGNING_KEY_PEM");
    assertThatThrownBy(() -> RsaKeys.parsePkcs8Pem("-----BEGIN RSA PRIVATE KEY-----\nAAAA"))
        .hasMessageContaining("PKCS#1");
  }
}
