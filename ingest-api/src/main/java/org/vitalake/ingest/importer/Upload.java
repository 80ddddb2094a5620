package org.vitalake.ingest.importer;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.vitalake.core.id.UserId;

/**
 * An upload in parts: whose data it is, the file it was made from, when it was created and, once an
 * import started from it, that import's id.
 *
 * @param uploadId the id handed out by {@code POST /imports/uploads}, a lower-case UUID
 * @param owner whose data it is; the parts are archived under this user's raw prefix
 * @param fileName the file's name as the client gave it
 * @param extension the archived parts' extension, e.g. {@code zip}
 * @param day the UTC day the upload was created, which the parts' keys carry
 * @param createdAt when the upload was created; it expires a configured time later
 * @param importId the import started from it, or {@code null} while it takes parts
 */
public record Upload(
    String uploadId,
    UserId owner,
    String fileName,
    String extension,
    LocalDate day,
    Instant createdAt,
    @Nullable String importId) {

  private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,10}");

  public Upload {
    if (parseId(uploadId).isEmpty()) {
      throw new IllegalArgumentException(
          "upload id '" + uploadId + "' is not a lower-case UUID such as " + UUID.randomUUID());
    }
    Objects.requireNonNull(owner, "owner");
    if (fileName == null || fileName.isBlank() || fileName.length() > 1024) {
      throw new IllegalArgumentException(
          "file name '" + fileName + "' must be 1-1024 characters and not blank");
    }
    if (extension == null || !EXTENSION.matcher(extension).matches()) {
      throw new IllegalArgumentException(
          "extension '" + extension + "' must be 1-10 lower-case letters or digits");
    }
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(createdAt, "createdAt");
    if (importId != null && importId.isBlank()) {
      throw new IllegalArgumentException("import id must be absent or not blank");
    }
  }

  /**
   * The upload id in {@code text} when it is one this service could have handed out: a UUID in its
   * canonical lower-case form, so it is safe inside object keys.
   */
  public static Optional<String> parseId(@Nullable String text) {
    if (text == null || text.length() != 36) {
      return Optional.empty();
    }
    try {
      String canonical = UUID.fromString(text).toString();
      return canonical.equals(text) ? Optional.of(canonical) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Whether an import started from this upload; it cannot be started again. */
  public boolean started() {
    return importId != null;
  }

  /** This upload, recorded as the source of import {@code importId}. */
  public Upload startedAs(String importId) {
    return new Upload(uploadId, owner, fileName, extension, day, createdAt, importId);
  }

  /** When the upload stops taking parts and can no longer be imported. */
  public Instant expiresAt(Duration expiry) {
    return createdAt.plus(expiry);
  }

  /** Whether the upload was not started within {@code expiry} of its creation. */
  public boolean expired(Instant now, Duration expiry) {
    return !started() && !now.isBefore(expiresAt(expiry));
  }
}
