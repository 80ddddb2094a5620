package org.vitalake.lakehouse.export;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vitalake.core.id.UserId;

/**
 * What an export wrote.
 *
 * @param directory the export directory
 * @param user whose rows were exported
 * @param exportedAt when the export began
 * @param days the days rows were selected by
 * @param tables one entry per table read, in export order
 * @param rawPayloads the raw payloads, empty when they were not requested
 * @param manifest the manifest file
 * @param manifestBytes its size
 */
public record ExportResult(
    Path directory,
    UserId user,
    Instant exportedAt,
    DayRange days,
    List<TableExport> tables,
    Optional<RawPayloadExport> rawPayloads,
    Path manifest,
    long manifestBytes) {

  public ExportResult {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(exportedAt, "exportedAt");
    Objects.requireNonNull(days, "days");
    tables = List.copyOf(tables);
    Objects.requireNonNull(rawPayloads, "rawPayloads");
    Objects.requireNonNull(manifest, "manifest");
  }

  /** Rows written over all tables. */
  public long rows() {
    return tables.stream().mapToLong(TableExport::rows).sum();
  }

  /** Bytes written: Parquet files, copied payloads and the manifest. */
  public long bytes() {
    return tables.stream().mapToLong(TableExport::bytes).sum()
        + rawPayloads.map(RawPayloadExport::bytes).orElse(0L)
        + manifestBytes;
  }

  /** The tables with at least one row, which got a file. */
  public List<TableExport> tablesWithRows() {
    return tables.stream().filter(t -> t.file() != null).toList();
  }
}
