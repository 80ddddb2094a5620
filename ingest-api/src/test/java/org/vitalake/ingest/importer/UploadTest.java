package org.vitalake.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.UserId;

class UploadTest {

  private static final Instant CREATED = Instant.parse("2026-03-14T10:15:30Z");
  private static final Duration EXPIRY = Duration.ofHours(24);

  private static Upload upload(String importId) {
    return new Upload(
        UUID.randomUUID().toString(),
        UserId.of("u-1"),
        "export.zip",
        "zip",
        LocalDate.of(2026, 3, 14),
        CREATED,
        importId);
  }

  @Test
  void expiresOnceTheExpiryHasPassedSinceItsCreation() {
    // given
    Upload upload = upload(null);
    Instant deadline = CREATED.plus(EXPIRY);

    // then
    assertThat(upload.expiresAt(EXPIRY)).isEqualTo(deadline);
    assertThat(upload.expired(deadline.minusMillis(1), EXPIRY)).isFalse();
    assertThat(upload.expired(deadline, EXPIRY)).isTrue();
    assertThat(upload.expired(deadline.plus(Duration.ofDays(3)), EXPIRY)).isTrue();
  }

  @Test
  void neverExpiresOnceAnImportStartedFromIt() {
    // given
    Upload started = upload(null).startedAs("imp-1");

    // then
    assertThat(started.started()).isTrue();
    assertThat(started.importId()).isEqualTo("imp-1");
    assertThat(started.expired(CREATED.plus(EXPIRY.multipliedBy(10)), EXPIRY)).isFalse();
  }

  @Test
  void acceptsOnlyCanonicalUuidsAsIds() {
    // given
    String id = UUID.randomUUID().toString();

    // then
    assertThat(Upload.parseId(id)).contains(id);
    assertThat(Upload.parseId(id.toUpperCase(Locale.ROOT))).isEmpty();
    assertThat(Upload.parseId("../../raw/u-1/sync")).isEmpty();
    assertThat(Upload.parseId("")).isEmpty();
    assertThat(Upload.parseId(null)).isEmpty();
  }

  @Test
  void rejectsAnIdThatCouldEscapeItsKeyNamingIt() {
    assertThatThrownBy(
            () ->
                new Upload(
                    "a/b",
                    UserId.of("u-1"),
                    "export.zip",
                    "zip",
                    LocalDate.of(2026, 3, 14),
                    CREATED,
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a/b'");
  }

  @Test
  void rejectsAnExtensionArchiveKeysCannotCarry() {
    assertThatThrownBy(
            () ->
                new Upload(
                    UUID.randomUUID().toString(),
                    UserId.of("u-1"),
                    "export.ZIP",
                    "ZIP",
                    LocalDate.of(2026, 3, 14),
                    CREATED,
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ZIP'");
  }
}
