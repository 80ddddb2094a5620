package org.vitalake.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.UserId;

class RawArchiveTest {

  @Test
  void buildsKeysUnderTheUserSoErasureIsOnePrefix() {
    // when
    String key =
        RawArchive.rawKey(
            "apple-health", UserId.of("u-42"), LocalDate.of(2026, 2, 3), "abc-1", "xml.gz");

    // then
    assertThat(key).isEqualTo("raw/u-42/apple-health/2026-02-03/abc-1.xml.gz");
    assertThat(key).startsWith(RawArchive.userPrefix(UserId.of("u-42")));
  }

  @Test
  void rejectsKindsThatCouldEscapeTheLayout() {
    assertThatThrownBy(
            () -> RawArchive.rawKey("../x", UserId.of("u"), LocalDate.of(2026, 1, 1), "i", "json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kind '../x'");
  }

  @Test
  void rejectsIdsWithSlashes() {
    assertThatThrownBy(
            () ->
                RawArchive.rawKey("sync", UserId.of("u"), LocalDate.of(2026, 1, 1), "a/b", "json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id 'a/b'");
  }
}
