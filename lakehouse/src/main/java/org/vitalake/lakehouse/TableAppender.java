package org.vitalake.lakehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.io.FileWriterFactory;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.io.RollingDataWriter;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.PropertyUtil;
import org.apache.iceberg.util.StructLikeMap;

/**
 * Appends a batch of rows to one table in a single commit: Iceberg {@link Record}s, or rows already
 * in Iceberg's internal representation ({@link StructRow}), which cost less to write.
 *
 * <p>Safe to use from several threads and processes at once: each call writes its own Parquet files
 * and commits them with Iceberg's optimistic concurrency, which retries on conflict as often as the
 * table's {@code commit.retry.num-retries} allows.
 */
public final class TableAppender {

  /** Snapshot summary property identifying the commit, so the snapshot can be found afterwards. */
  public static final String COMMIT_ID_PROPERTY = "vitalake.commit-id";

  private static final AtomicInteger PARTITION_IDS = new AtomicInteger();

  private final Lakehouse lakehouse;

  public TableAppender(Lakehouse lakehouse) {
    this.lakehouse = Objects.requireNonNull(lakehouse, "lakehouse");
  }

  /**
   * Writes {@code records} as Parquet data files (one per partition) and commits them as one
   * append.
   *
   * @return the id of the committed snapshot
   * @throws IllegalArgumentException when {@code records} is empty
   */
  public long append(TableIdentifier id, List<? extends Record> records) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(records, "records");
    if (records.isEmpty()) {
      throw new IllegalArgumentException("nothing to append to " + id + ": records is empty");
    }
    Table table = lakehouse.table(id);
    return commitDataFiles(table, writeDataFiles(table, records));
  }

  /** {@link #append(TableIdentifier, List)} for a lakehouse table definition. */
  public long append(TableDefinition definition, List<? extends Record> records) {
    return append(definition.id(), records);
  }

  /**
   * {@link #append(TableIdentifier, List)} for rows in Iceberg's internal representation, see
   * {@link #writeRowDataFiles}.
   */
  public long appendRows(TableIdentifier id, List<? extends StructLike> rows) {
    Objects.requireNonNull(id, "id");
    Table table = lakehouse.table(id);
    return commitDataFiles(table, writeRowDataFiles(table, rows));
  }

  /**
   * Writes {@code records} as Parquet data files of {@code table} (one per partition) without
   * committing them, so a writer can prepare the next batch while the previous one commits; {@link
   * #commitDataFiles} makes them part of the table.
   *
   * @throws IllegalArgumentException when {@code records} is empty
   */
  public List<DataFile> writeDataFiles(Table table, List<? extends Record> records) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(records, "records");
    if (records.isEmpty()) {
      throw new IllegalArgumentException("nothing to write to " + table.name() + ": no records");
    }
    InternalRecordWrapper wrapper = new InternalRecordWrapper(table.schema().asStruct());
    return write(
        table,
        records,
        new GenericFileWriterFactory.Builder(table).dataFileFormat(FileFormat.PARQUET).build(),
        // partition transforms (day(ts)) work on Iceberg's internal representation, not java.time
        wrapper::wrap);
  }

  /**
   * {@link #writeDataFiles} for rows already in Iceberg's internal representation ({@link
   * StructRow}: timestamps as epoch microseconds, positions as in {@code table.schema()}), which
   * are written and partitioned as they are, without the per-row conversion of {@code java.time}
   * values that generic records need: the cheaper path for high-volume writers.
   *
   * @throws IllegalArgumentException when {@code rows} is empty
   */
  public List<DataFile> writeRowDataFiles(Table table, List<? extends StructLike> rows) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(rows, "rows");
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("nothing to write to " + table.name() + ": no rows");
    }
    return write(table, rows, new StructRowWriterFactory(table), row -> row);
  }

  /**
   * Commits data files written by {@link #writeDataFiles} as one append. A writer that keeps one
   * {@code Table} instance for its commits saves reloading it each time; Iceberg refreshes it and
   * retries when another writer committed in between.
   *
   * @return the id of the committed snapshot
   */
  public long commitDataFiles(Table table, List<DataFile> files) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(files, "files");
    String commitId = UUID.randomUUID().toString();
    AppendFiles append =
        table
            .newAppend()
            // without a pool: Iceberg polls a pool's tasks with 10 ms sleeps
            .scanManifestsWith(CallerRunsExecutor.INSTANCE)
            .writeManifestsWith(CallerRunsExecutor.INSTANCE, 1);
    files.forEach(append::appendFile);
    append.set(COMMIT_ID_PROPERTY, commitId);
    try {
      append.commit();
    } catch (CommitFailedException e) {
      // the commit definitely did not happen: the files are garbage
      deleteQuietly(table, files);
      throw e;
    }
    return findCommittedSnapshot(table, commitId);
  }

  /** Deletes data files written by {@link #writeDataFiles} that will not be committed. */
  public void discardDataFiles(Table table, List<DataFile> files) {
    deleteQuietly(table, files);
  }

  /**
   * Writes {@code rows} with {@code writerFactory}, one file per partition (more when a partition
   * outgrows the target file size).
   *
   * <p>Rows of one request or import batch mostly share their partition, so the writer of the
   * previous row's partition is kept until the partition changes: looking it up for every row (as
   * Iceberg's fanout writer does) cost a tenth of the ingest service's Parquet writing.
   *
   * @param partitionSource the row as the partition transforms read it
   */
  private static <T> List<DataFile> write(
      Table table,
      List<? extends T> rows,
      FileWriterFactory<T> writerFactory,
      Function<T, StructLike> partitionSource) {
    PartitionSpec spec = table.spec();
    OutputFileFactory files =
        OutputFileFactory.builderFor(table, PARTITION_IDS.incrementAndGet(), 0L)
            .format(FileFormat.PARQUET)
            .operationId(UUID.randomUUID().toString())
            .build();
    long targetFileSize =
        PropertyUtil.propertyAsLong(
            table.properties(),
            TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
            TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT);
    Map<StructLike, RollingDataWriter<T>> writers = StructLikeMap.create(spec.partitionType());
    boolean partitioned = spec.isPartitioned(); // a stream over the spec's fields: not per row
    PartitionKey partitionKey = new PartitionKey(spec, table.schema());
    PartitionSources sources = PartitionSources.of(spec, table.schema());
    RollingDataWriter<T> current = null;
    boolean closed = false;
    try {
      for (T row : rows) {
        if (partitioned) {
          StructLike source = partitionSource.apply(row);
          if (sources.changed(source)) {
            partitionKey.partition(source);
            current = null;
          }
        }
        if (current == null) {
          current = writers.get(partitionKey); // an unpartitioned table's key is empty
          if (current == null) {
            PartitionKey copy = partitionKey.copy();
            current =
                new RollingDataWriter<>(
                    writerFactory,
                    files,
                    table.io(),
                    targetFileSize,
                    spec,
                    partitioned ? copy : null);
            writers.put(copy, current);
          }
        }
        current.write(row);
      }
      List<DataFile> written = new ArrayList<>();
      for (RollingDataWriter<T> writer : writers.values()) {
        writer.close();
        written.addAll(writer.result().dataFiles());
      }
      closed = true;
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("writing data files of " + table.name(), e);
    } finally {
      if (!closed) {
        abort(table, writers.values());
      }
    }
  }

  /**
   * The values a row's partition is computed from, remembered from the previous row: rows of one
   * request or import batch share them (e.g. {@code received_at}), and a transform such as {@code
   * day(ts)} costs more than comparing its input.
   */
  private static final class PartitionSources {
    private final int[] positions; // null: a source is nested, so compute every row's partition
    private final Object[] previous;
    private boolean first = true;

    private PartitionSources(int[] positions) {
      this.positions = positions;
      this.previous = positions == null ? null : new Object[positions.length];
    }

    static PartitionSources of(PartitionSpec spec, Schema schema) {
      List<Types.NestedField> columns = schema.columns();
      int[] positions = new int[spec.fields().size()];
      for (int i = 0; i < positions.length; i++) {
        int sourceId = spec.fields().get(i).sourceId();
        positions[i] = -1;
        for (int c = 0; c < columns.size(); c++) {
          if (columns.get(c).fieldId() == sourceId) {
            positions[i] = c;
          }
        }
        if (positions[i] < 0) {
          return new PartitionSources(null);
        }
      }
      return new PartitionSources(positions);
    }

    /** Whether {@code row}'s partition source values differ from the previous row's. */
    boolean changed(StructLike row) {
      if (positions == null) {
        return true;
      }
      boolean changed = first;
      for (int i = 0; i < positions.length; i++) {
        Object value = row.get(positions[i], Object.class);
        if (!Objects.equals(value, previous[i])) {
          previous[i] = value;
          changed = true;
        }
      }
      first = false;
      return changed;
    }
  }

  private static void abort(Table table, Collection<? extends RollingDataWriter<?>> writers) {
    for (RollingDataWriter<?> writer : writers) {
      try {
        writer.close();
        deleteQuietly(table, writer.result().dataFiles());
      } catch (IOException | RuntimeException ignored) {
        // best effort: the first failure is what the caller needs to see
      }
    }
  }

  private static long findCommittedSnapshot(Table table, String commitId) {
    // the table may already show a later commit of another writer, so look for ours by its id
    for (Snapshot s = table.currentSnapshot(); s != null; ) {
      if (commitId.equals(s.summary().get(COMMIT_ID_PROPERTY))) {
        return s.snapshotId();
      }
      s = s.parentId() == null ? null : table.snapshot(s.parentId());
    }
    table.refresh();
    for (Snapshot s : table.snapshots()) {
      if (commitId.equals(s.summary().get(COMMIT_ID_PROPERTY))) {
        return s.snapshotId();
      }
    }
    throw new IllegalStateException(
        "committed to " + table.name() + " but cannot find snapshot with commit id " + commitId);
  }

  private static void deleteQuietly(Table table, List<DataFile> files) {
    for (DataFile file : files) {
      try {
        table.io().deleteFile(file.location());
      } catch (RuntimeException ignored) {
        // an orphan file is harmless; orphan-file cleanup removes it
      }
    }
  }
}
