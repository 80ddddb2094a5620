package org.vitalake.ingest.importer.s3;

import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.vitalake.core.id.IngestId;
import org.vitalake.core.id.UserId;
import org.vitalake.ingest.importer.ImportStatusResponse;
import org.vitalake.ingest.importer.ImportStatusStore;
import org.vitalake.lakehouse.RawArchive;

/**
 * Import states as JSON objects in the raw bucket, beside the user's archived uploads ({@code
 * raw/<user>/imports/status/<importId>.json}, erased with the user), and a small index from the
 * import id to its owner ({@code imports/owners/<importId>.json}), so an operator can look an
 * import up by its id alone.
 */
@Singleton
public class RawArchiveImportStatusStore implements ImportStatusStore {

  private final RawArchive archive;
  private final ObjectMapper json;
  private final Set<String> indexed = ConcurrentHashMap.newKeySet();

  /** The index entry: only the pseudonymous owner id. */
  @Serdeable
  record OwnerEntry(String owner) {}

  public RawArchiveImportStatusStore(RawArchive archive, ObjectMapper json) {
    this.archive = archive;
    this.json = json;
  }

  @Override
  public void save(UserId owner, ImportStatusResponse status) {
    String importId = status.importId();
    try {
      if (!indexed.contains(importId)) {
        archive.put(
            indexKey(importId),
            json.writeValueAsBytes(new OwnerEntry(owner.value())),
            "application/json");
        indexed.add(importId);
      }
      archive.put(statusKey(owner, importId), json.writeValueAsBytes(status), "application/json");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the state of import " + importId, e);
    }
    if (!status.status().equals("running")) {
      indexed.remove(importId);
    }
  }

  @Override
  public Optional<StoredImportStatus> find(String id) {
    String importId;
    try {
      importId = IngestId.of(id).value();
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // not an id this service ever handed out
    }
    try {
      OwnerEntry entry = json.readValue(read(indexKey(importId)), OwnerEntry.class);
      UserId owner = UserId.of(entry.owner());
      ImportStatusResponse status =
          json.readValue(read(statusKey(owner, importId)), ImportStatusResponse.class);
      return Optional.of(new StoredImportStatus(owner, status));
    } catch (RawArchive.RawPayloadNotFoundException e) {
      // no index, or the owner's data was erased
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the state of import " + importId, e);
    }
  }

  private byte[] read(String key) {
    return archive.get("s3://" + archive.bucket() + "/" + key);
  }

  static String statusKey(UserId owner, String importId) {
    return RawArchive.userPrefix(owner) + "imports/status/" + importId + ".json";
  }

  static String indexKey(String importId) {
    return "imports/owners/" + importId + ".json";
  }
}
