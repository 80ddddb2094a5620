package org.vitalake.ingest.importer.s3;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import org.vitalake.core.id.UserId;
import org.vitalake.ingest.importer.Upload;
import org.vitalake.ingest.importer.UploadStore;
import org.vitalake.lakehouse.RawArchive;

/**
 * Uploads in parts in the raw bucket: the upload's record beside the user's archived payloads
 * ({@code raw/<user>/imports/uploads/<uploadId>.json}, erased with the user), its parts as they
 * arrived ({@code raw/<user>/import/<day>/<uploadId>.part00001.<ext>}, ...), and a small index from
 * the upload id to its owner ({@code imports/upload-owners/<uploadId>.json}).
 *
 * <p>Which parts arrived is read from the bucket by listing the parts' key prefix, so parts
 * uploaded concurrently never rewrite a shared record.
 */
@Singleton
public class RawArchiveUploadStore implements UploadStore {

  /** Raw archive kind of the parts, as archived before uploads were recorded. */
  static final String PART_KIND = "import";

  private final RawArchive archive;
  private final ObjectMapper json;

  /** The index entry: only the pseudonymous owner id. */
  @Serdeable
  record OwnerEntry(String owner) {}

  /** The upload's record as JSON. */
  @Serdeable
  record UploadDocument(
      String uploadId,
      String owner,
      String fileName,
      String extension,
      String day,
      String createdAt,
      @Nullable String importId) {

    static UploadDocument of(Upload upload) {
      return new UploadDocument(
          upload.uploadId(),
          upload.owner().value(),
          upload.fileName(),
          upload.extension(),
          upload.day().toString(),
          upload.createdAt().toString(),
          upload.importId());
    }

    Upload toUpload() {
      return new Upload(
          uploadId,
          UserId.of(owner),
          fileName,
          extension,
          LocalDate.parse(day),
          Instant.parse(createdAt),
          importId);
    }
  }

  public RawArchiveUploadStore(RawArchive archive, ObjectMapper json) {
    this.archive = archive;
    this.json = json;
  }

  @Override
  public void save(Upload upload) {
    try {
      // the index first: a record is never unreachable by its id
      archive.put(
          indexKey(upload.uploadId()),
          json.writeValueAsBytes(new OwnerEntry(upload.owner().value())),
          "application/json");
      archive.put(
          recordKey(upload.owner(), upload.uploadId()),
          json.writeValueAsBytes(UploadDocument.of(upload)),
          "application/json");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record upload " + upload.uploadId(), e);
    }
  }

  @Override
  public Optional<Upload> find(String id) {
    Optional<String> uploadId = Upload.parseId(id);
    if (uploadId.isEmpty()) {
      return Optional.empty(); // not an id this service ever handed out
    }
    try {
      OwnerEntry entry = json.readValue(read(indexKey(uploadId.get())), OwnerEntry.class);
      UserId owner = UserId.of(entry.owner());
      UploadDocument document =
          json.readValue(read(recordKey(owner, uploadId.get())), UploadDocument.class);
      return Optional.of(document.toUpload());
    } catch (RawArchive.RawPayloadNotFoundException e) {
      // no index, deleted, or the owner's data was erased
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read upload " + uploadId.get(), e);
    }
  }

  @Override
  public String storePart(Upload upload, int part, byte[] body) {
    return archive.put(partKey(upload, part), body, "application/octet-stream");
  }

  @Override
  public SortedMap<Integer, StoredPart> findParts(Upload upload) {
    String prefix = partPrefix(upload);
    String refPrefix = "s3://" + archive.bucket() + "/";
    SortedMap<Integer, StoredPart> parts = new TreeMap<>();
    for (RawArchive.StoredPayload payload : archive.listByPrefix(prefix)) {
      OptionalInt part = parsePart(upload, payload.ref().substring(refPrefix.length()));
      if (part.isPresent()) {
        parts.put(part.getAsInt(), new StoredPart(payload.ref(), payload.size(), payload.etag()));
      }
    }
    return parts;
  }

  @Override
  public void delete(Upload upload) {
    // parts first: while the record remains, touching the upload again finishes the deletion
    for (StoredPart part : findParts(upload).values()) {
      archive.delete(part.ref());
    }
    archive.delete(ref(recordKey(upload.owner(), upload.uploadId())));
    archive.delete(ref(indexKey(upload.uploadId())));
  }

  private byte[] read(String key) {
    return archive.get(ref(key));
  }

  private String ref(String key) {
    return "s3://" + archive.bucket() + "/" + key;
  }

  static String recordKey(UserId owner, String uploadId) {
    return RawArchive.userPrefix(owner) + "imports/uploads/" + uploadId + ".json";
  }

  static String indexKey(String uploadId) {
    return "imports/upload-owners/" + uploadId + ".json";
  }

  /** The key of part {@code part}: the upload's id and the part number, zero-padded to five. */
  static String partKey(Upload upload, int part) {
    if (part < 1) {
      throw new IllegalArgumentException("part " + part + " must be 1 or more");
    }
    return RawArchive.rawKey(
        PART_KIND,
        upload.owner(),
        upload.day(),
        upload.uploadId() + ".part" + String.format(Locale.ROOT, "%05d", part),
        upload.extension());
  }

  /** What the keys of every part of the upload, and of no other upload, start with. */
  static String partPrefix(Upload upload) {
    return RawArchive.userPrefix(upload.owner())
        + PART_KIND
        + "/"
        + upload.day()
        + "/"
        + upload.uploadId()
        + ".part";
  }

  /** The part number in {@code key} when it is the key of one of the upload's parts. */
  static OptionalInt parsePart(Upload upload, String key) {
    String prefix = partPrefix(upload);
    String suffix = "." + upload.extension();
    if (!key.startsWith(prefix) || !key.endsWith(suffix)) {
      return OptionalInt.empty();
    }
    String digits = key.substring(prefix.length(), key.length() - suffix.length());
    if (digits.length() < 5
        || digits.length() > 9
        || !digits.chars().allMatch(Character::isDigit)) {
      return OptionalInt.empty();
    }
    int part = Integer.parseInt(digits);
    return part >= 1 && partKey(upload, part).equals(key)
        ? OptionalInt.of(part)
        : OptionalInt.empty();
  }
}
