package org.vitalake.ingest.archive;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.vitalake.core.id.IngestId;
import org.vitalake.core.id.UserId;
import org.vitalake.lakehouse.RawArchive;

/**
 * Stores request bodies exactly as they arrived in the raw bucket, before anything reaches bronze,
 * so bronze can be rebuilt from them; bronze rows reference them by {@code raw_ref}.
 */
@Singleton
public class ArchiveService {

  private final RawArchive archive;

  public ArchiveService(RawArchive archive) {
    this.archive = archive;
  }

  /**
   * Archives a payload under {@code raw/<user>/<kind>/<received day>/<ingest id>.<extension>}.
   *
   * @param kind e.g. {@code sync}, {@code journal}, or an importer's format
   * @return the reference {@code s3://<bucket>/<key>} to store in bronze rows
   */
  public String archive(
      String kind,
      UserId user,
      Instant receivedAt,
      IngestId ingestId,
      byte[] body,
      String extension,
      @Nullable String contentType) {
    LocalDate day = LocalDate.ofInstant(receivedAt, ZoneOffset.UTC);
    String key = RawArchive.rawKey(kind, user, day, ingestId.value(), extension);
    return archive.put(key, body, contentType);
  }

  /** Stores a small service document (not a payload) under the user's prefix. */
  public String putUserDocument(UserId user, String relativeKey, byte[] body) {
    return archive.put(RawArchive.userPrefix(user) + relativeKey, body, "application/json");
  }

  /** Reads a document stored with {@link #putUserDocument}, if present. */
  public Optional<byte[]> findUserDocument(UserId user, String relativeKey) {
    String ref = "s3://" + archive.bucket() + "/" + RawArchive.userPrefix(user) + relativeKey;
    try {
      return Optional.of(archive.get(ref));
    } catch (RawArchive.RawPayloadNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Reads an archived payload by its reference. */
  public byte[] read(String ref) {
    return archive.get(ref);
  }

  /** Whether something is stored under the reference. */
  public boolean exists(String ref) {
    return archive.exists(ref);
  }
}
