package org.vitalake.ingest.importer;

import java.util.Optional;
import org.vitalake.core.id.UserId;

/** Port to where import states are recorded durably, so they outlive the process running them. */
public interface ImportStatusStore {

  /** Records {@code status} as the current state of the import of {@code owner}'s data. */
  void save(UserId owner, ImportStatusResponse status);

  /** The last recorded state of an import and whose data it imports, if any was recorded. */
  Optional<StoredImportStatus> find(String importId);

  /** A recorded state and its owner. */
  record StoredImportStatus(UserId owner, ImportStatusResponse status) {}
}
