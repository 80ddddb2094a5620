package org.vitalake.ingest.importer;

import java.io.IOException;
import java.util.List;

/**
 * Reads one vendor's export as a stream and hands every mapped sample, journal entry and rejected
 * record to a sink; never holds the whole file in memory.
 */
public interface VendorImporter {

  /**
   * Imports everything {@code input} holds that this format knows.
   *
   * @throws ImportFailedException when the file cannot be read at all (corrupt, truncated, not this
   *     format), naming the file
   * @throws IOException when reading fails
   */
  void importFrom(ImportInput input, ImportOptions options, ImportSink sink) throws IOException;

  /**
   * The dataset's own participant ids, sorted, for mapping a multi-person dataset to platform
   * users; empty for a single person's export.
   */
  default List<String> findParticipants(ImportInput input) throws IOException {
    return List.of();
  }
}
