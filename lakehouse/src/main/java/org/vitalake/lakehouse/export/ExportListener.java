package org.vitalake.lakehouse.export;

import org.apache.iceberg.catalog.TableIdentifier;

/** Told about an export's progress, table by table, so a command line can show it. */
public interface ExportListener {

  /** A listener that ignores everything. */
  ExportListener NONE = new ExportListener() {};

  /** Reading {@code table} begins. */
  default void tableStarted(TableIdentifier table) {}

  /** {@code table} is exported. */
  default void tableFinished(TableExport table) {}

  /** Copying the raw payloads begins. */
  default void rawPayloadsStarted() {}

  /** The raw payloads are copied. */
  default void rawPayloadsFinished(RawPayloadExport payloads) {}
}
