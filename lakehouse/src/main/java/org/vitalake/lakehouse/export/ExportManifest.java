package org.vitalake.lakehouse.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vitalake.core.id.UserId;

/**
 * The {@code manifest.json} of an export: whose data, when, which days, and per table the file, row
 * count, Iceberg snapshot read and column names; then the raw payloads copied and those not copied
 * with the reason.
 *
 * @param catalog the Iceberg catalog name the snapshots belong to
 */
public record ExportManifest(
    UserId user,
    Instant exportedAt,
    DayRange days,
    String catalog,
    List<TableExport> tables,
    Optional<RawPayloadExport> rawPayloads) {

  /** File name of the manifest in the export directory. */
  public static final String FILE_NAME = "manifest.json";

  /** Identifies the layout of the manifest, raised when a field changes meaning. */
  public static final String FORMAT = "vitalake-personal-data-export/1";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public ExportManifest {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(exportedAt, "exportedAt");
    Objects.requireNonNull(days, "days");
    Objects.requireNonNull(catalog, "catalog");
    tables = List.copyOf(tables);
    Objects.requireNonNull(rawPayloads, "rawPayloads");
  }

  /** The manifest as JSON text. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("user_id", user.value());
    root.put("exported_at", exportedAt.toString());
    ObjectNode range = root.putObject("days");
    range.put("from", days.from() == null ? null : days.from().toString());
    range.put("to", days.to() == null ? null : days.to().toString());
    root.put("catalog", catalog);
    ArrayNode tableNodes = root.putArray("tables");
    for (TableExport table : tables) {
      ObjectNode node = tableNodes.addObject();
      node.put("table", table.table().toString());
      node.put("file", table.file());
      node.put("rows", table.rows());
      node.put("bytes", table.bytes());
      node.put("snapshot_id", table.snapshotId());
      node.put("day_column", table.dayColumn());
      ArrayNode columns = node.putArray("columns");
      table.columns().forEach(columns::add);
    }
    ObjectNode raw = root.putObject("raw_payloads");
    raw.put("included", rawPayloads.isPresent());
    rawPayloads.ifPresent(
        payloads -> {
          ArrayNode copied = raw.putArray("files");
          for (RawPayloadExport.CopiedPayload p : payloads.copied()) {
            copied.addObject().put("ref", p.ref()).put("file", p.file()).put("bytes", p.bytes());
          }
          ArrayNode skipped = raw.putArray("not_copied");
          for (RawPayloadExport.SkippedPayload p : payloads.skipped()) {
            skipped.addObject().put("ref", p.ref()).put("reason", p.reason());
          }
        });
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException("writing the export manifest as JSON", e);
    }
  }

  /** Writes {@link #FILE_NAME} into {@code directory}, which must not hold one yet. */
  public Path write(Path directory) {
    Path file = directory.resolve(FILE_NAME);
    try {
      return Files.writeString(file, toJson(), java.nio.file.StandardOpenOption.CREATE_NEW);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
