package org.vitalake.lakehouse.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.vitalake.core.id.UserId;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseProperties;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.RawArchive;
import org.vitalake.lakehouse.TableDefinition;
import org.vitalake.lakehouse.local.FileTrees;

/**
 * Exports one person's rows of the lakehouse tables as Parquet files (one per table, written with
 * parquet-avro), copies their archived raw payloads, and describes both in {@code manifest.json}:
 * the answer to a data access or portability request.
 *
 * <p>Each table is read at its current snapshot with Iceberg's generic reader, the {@code user_id}
 * filter (and the day filter) pushed into the scan so files and row groups of other people are
 * skipped; rows stream from the scan into the file, so a table of any size fits in memory. A table
 * without rows for the person gets no file but is listed in the manifest with 0 rows. When an
 * export fails, what it wrote is deleted, so a directory never holds a partial export.
 */
public final class UserDataExporter {

  /** Column of a bronze row naming the raw payload it came from. */
  static final String RAW_REF_COLUMN = "raw_ref";

  /** Folder of the copied raw payloads in the export directory. */
  public static final String RAW_FOLDER = "raw";

  static final String OUTSIDE_OWN_FOLDER =
      "archived outside the person's own folder: an upload by another account, such as a"
          + " multi-person dataset imported by a service account, which may hold other people's"
          + " data too";
  static final String NO_LONGER_ARCHIVED = "referenced by a row but no longer archived";

  private final Lakehouse lakehouse;
  private final Clock clock;

  public UserDataExporter(Lakehouse lakehouse) {
    this(lakehouse, Clock.systemUTC());
  }

  public UserDataExporter(Lakehouse lakehouse, Clock clock) {
    this.lakehouse = Objects.requireNonNull(lakehouse, "lakehouse");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Refuses an output path that is a file or a directory with something in it, so an export never
   * mixes with other files or overwrites an earlier one.
   *
   * @throws IllegalArgumentException naming the path and what is in the way
   */
  public static void checkOutputDirectory(Path directory) {
    if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException(
          "--out " + directory + " exists and is not a directory; choose a new directory");
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      if (entries.iterator().hasNext()) {
        throw new IllegalArgumentException(
            "--out "
                + directory
                + " exists and is not empty; choose a new or empty directory, so the export does"
                + " not mix with other files");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }

  /**
   * Runs the export {@code request} describes.
   *
   * @throws IllegalArgumentException when the output directory is in the way ({@link
   *     #checkOutputDirectory})
   */
  public ExportResult export(ExportRequest request, ExportListener listener) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    Path directory = request.outputDirectory();
    checkOutputDirectory(directory);
    boolean created = createDirectory(directory);
    boolean finished = false;
    try {
      Instant exportedAt = clock.instant();
      List<TableExport> tables = new ArrayList<>();
      for (TableDefinition definition : request.tables()) {
        listener.tableStarted(definition.id());
        TableExport table = exportTable(definition.id(), request);
        tables.add(table);
        listener.tableFinished(table);
      }
      Optional<RawPayloadExport> raw = Optional.empty();
      if (request.rawPayloads()) {
        listener.rawPayloadsStarted();
        raw = Optional.of(exportRawPayloads(request));
        listener.rawPayloadsFinished(raw.get());
      }
      ExportManifest manifest =
          new ExportManifest(
              request.user(),
              exportedAt,
              request.days(),
              lakehouse.properties().catalogName(),
              tables,
              raw);
      Path manifestFile = manifest.write(directory);
      ExportResult result =
          new ExportResult(
              directory,
              request.user(),
              exportedAt,
              request.days(),
              tables,
              raw,
              manifestFile,
              size(manifestFile));
      finished = true;
      return result;
    } finally {
      if (!finished) {
        deleteExport(directory, created);
      }
    }
  }

  /**
   * The name of a table's file in the export directory, e.g. {@code gold.daily_metrics.parquet}.
   */
  public static String fileName(TableIdentifier table) {
    return table + ".parquet";
  }

  private TableExport exportTable(TableIdentifier id, ExportRequest request) {
    Table table = lakehouse.table(id);
    Snapshot snapshot = table.currentSnapshot();
    // the schema the snapshot was written with: the one the generic reader returns its rows in
    Schema schema =
        snapshot == null ? table.schema() : SnapshotUtil.schemaFor(table, snapshot.snapshotId());
    List<String> columns = schema.columns().stream().map(f -> f.name()).toList();
    Optional<DayColumn> dayColumn = DayColumn.find(schema);
    String dayColumnName = dayColumn.map(DayColumn::name).orElse(null);
    if (snapshot == null) {
      return new TableExport(id, null, 0, 0, null, dayColumnName, columns);
    }
    DayRange days = request.days();
    if (!days.unbounded() && dayColumn.isEmpty()) {
      throw new IllegalArgumentException(
          "table " + id + " has no day column (" + DayColumn.CANDIDATES + ") to select days by");
    }
    Expression filter = Expressions.equal(ExportRequest.USER_COLUMN, request.user().value());
    if (!days.unbounded()) {
      filter = Expressions.and(filter, dayColumn.get().filter(days));
    }
    org.apache.avro.Schema avroSchema =
        AvroSchemas.fromIceberg(schema, id.name(), AvroSchemas.NAMESPACE + "." + id.namespace());
    AvroRecordConverter converter = AvroRecordConverter.create(schema, avroSchema);
    String fileName = fileName(id);
    Path file = request.outputDirectory().resolve(fileName);
    Map<String, String> metadata =
        Map.of(
            "vitalake.table", id.toString(),
            "vitalake.snapshot-id", Long.toString(snapshot.snapshotId()),
            "vitalake.user-id", request.user().value());
    long rows = 0;
    ParquetWriter<GenericRecord> writer = null;
    try (CloseableIterable<Record> scan =
        IcebergGenerics.read(table).useSnapshot(snapshot.snapshotId()).where(filter).build()) {
      try {
        for (Record row : scan) {
          if (!days.unbounded() && !days.contains(dayColumn.get().dayOf(row))) {
            continue; // in the widened scan window, but on a local day outside the range
          }
          if (writer == null) {
            writer = openWriter(file, avroSchema, metadata);
          }
          writer.write(converter.convert(row));
          rows++;
        }
      } finally {
        if (writer != null) {
          writer.close();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("exporting " + id + " to " + file, e);
    }
    if (rows == 0) {
      return new TableExport(id, null, 0, 0, snapshot.snapshotId(), dayColumnName, columns);
    }
    return new TableExport(
        id, fileName, rows, size(file), snapshot.snapshotId(), dayColumnName, columns);
  }

  private static ParquetWriter<GenericRecord> openWriter(
      Path file, org.apache.avro.Schema schema, Map<String, String> metadata) throws IOException {
    // LocalOutputFile, not the Hadoop Path overloads: no Hadoop file system is involved
    return AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
        .withSchema(schema)
        .withDataModel(GenericData.get())
        .withCompressionCodec(CompressionCodecName.ZSTD)
        .withWriteMode(ParquetFileWriter.Mode.CREATE)
        // the standard three-level list layout (list.element) that Spark, pyarrow and DuckDB
        // expect, instead of parquet-avro's legacy two-level default
        .config(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, "false")
        .withExtraMetaData(metadata)
        .build();
  }

  /**
   * Copies the payloads archived under the person's own prefix (all of them, or with a day range
   * those the exported rows refer to) and lists the payloads their rows refer to elsewhere, which
   * are not copied because they may hold other people's data.
   */
  private RawPayloadExport exportRawPayloads(ExportRequest request) {
    LakehouseProperties properties = lakehouse.properties();
    UserId user = request.user();
    String ownPrefix = "s3://" + properties.rawBucket() + "/" + RawArchive.userPrefix(user);
    Set<String> referenced = referencedPayloads(request);
    List<RawPayloadExport.CopiedPayload> copied = new ArrayList<>();
    List<RawPayloadExport.SkippedPayload> skipped = new ArrayList<>();
    Set<String> own = new TreeSet<>();
    if (lakehouse.bucketExists(properties.rawBucket())) {
      try (RawArchive archive = new RawArchive(properties)) {
        Collection<String> candidates =
            request.days().unbounded() ? archive.findAll(user) : referenced;
        candidates.stream().filter(ref -> ref.startsWith(ownPrefix)).forEach(own::add);
        Path rawFolder = request.outputDirectory().resolve(RAW_FOLDER);
        for (String ref : own) {
          String relative = ref.substring(ownPrefix.length());
          Path target = rawFolder.resolve(relative).normalize();
          if (relative.isEmpty() || !target.startsWith(rawFolder)) {
            skipped.add(new RawPayloadExport.SkippedPayload(ref, "its key is not a file path"));
            continue;
          }
          byte[] body;
          try {
            body = archive.get(ref);
          } catch (RawArchive.RawPayloadNotFoundException e) {
            skipped.add(new RawPayloadExport.SkippedPayload(ref, NO_LONGER_ARCHIVED));
            continue;
          }
          write(target, body);
          copied.add(
              new RawPayloadExport.CopiedPayload(
                  ref, RAW_FOLDER + "/" + relative, (long) body.length));
        }
      }
    }
    for (String ref : referenced) {
      if (!ref.startsWith(ownPrefix)) {
        skipped.add(new RawPayloadExport.SkippedPayload(ref, OUTSIDE_OWN_FOLDER));
      } else if (!own.contains(ref)) {
        skipped.add(new RawPayloadExport.SkippedPayload(ref, NO_LONGER_ARCHIVED));
      }
    }
    return new RawPayloadExport(copied, skipped);
  }

  /** The distinct raw payload references of the person's bronze rows in the day range. */
  private Set<String> referencedPayloads(ExportRequest request) {
    Set<String> refs = new TreeSet<>();
    DayRange days = request.days();
    for (TableDefinition definition : LakehouseTables.ALL) {
      Schema defined = definition.schema();
      if (defined.findField(RAW_REF_COLUMN) == null
          || defined.findField(ExportRequest.USER_COLUMN) == null) {
        continue;
      }
      Table table = lakehouse.table(definition.id());
      Snapshot snapshot = table.currentSnapshot();
      if (snapshot == null) {
        continue;
      }
      Schema schema = SnapshotUtil.schemaFor(table, snapshot.snapshotId());
      Optional<DayColumn> dayColumn = DayColumn.find(schema);
      List<String> select = new ArrayList<>(List.of(ExportRequest.USER_COLUMN, RAW_REF_COLUMN));
      Expression filter =
          Expressions.and(
              Expressions.equal(ExportRequest.USER_COLUMN, request.user().value()),
              Expressions.notNull(RAW_REF_COLUMN));
      if (!days.unbounded() && dayColumn.isPresent()) {
        select.addAll(dayColumn.get().columns());
        filter = Expressions.and(filter, dayColumn.get().filter(days));
      }
      try (CloseableIterable<Record> rows =
          IcebergGenerics.read(table)
              .useSnapshot(snapshot.snapshotId())
              .select(select)
              .where(filter)
              .build()) {
        for (Record row : rows) {
          if (days.unbounded()
              || dayColumn.isEmpty()
              || days.contains(dayColumn.get().dayOf(row))) {
            refs.add((String) row.getField(RAW_REF_COLUMN));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("reading raw references of " + definition.id(), e);
      }
    }
    return refs;
  }

  private static void write(Path target, byte[] body) {
    try {
      Files.createDirectories(target.getParent());
      Files.write(target, body, java.nio.file.StandardOpenOption.CREATE_NEW);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /**
   * Creates the export directory, readable by its owner only where the file system supports it: the
   * export is health data.
   *
   * @return true when it was created, false when it existed (empty)
   */
  private static boolean createDirectory(Path directory) {
    if (Files.isDirectory(directory)) {
      return false;
    }
    try {
      Path parent = directory.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createDirectory(
            directory,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectory(directory);
      }
      return true;
    } catch (FileAlreadyExistsException e) {
      throw new IllegalArgumentException(
          "--out " + directory + " was created by someone else meanwhile; choose a new directory",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the export directory " + directory, e);
    }
  }

  /** Deletes what a failed export wrote: the directory was empty or missing when it began. */
  private static void deleteExport(Path directory, boolean created) {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try {
      FileTrees.delete(directory, !created);
    } catch (IOException | RuntimeException ignored) {
      // best effort: the failure that stopped the export is what the caller needs to see
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of " + file, e);
    }
  }
}
