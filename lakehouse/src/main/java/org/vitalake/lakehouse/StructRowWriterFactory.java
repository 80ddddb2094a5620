package org.vitalake.lakehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.parquet.InternalWriter;
import org.apache.iceberg.deletes.EqualityDeleteWriter;
import org.apache.iceberg.deletes.PositionDeleteWriter;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.FileWriterFactory;
import org.apache.iceberg.parquet.Parquet;

/**
 * Parquet data writers for rows in Iceberg's internal representation ({@link StructRow}), with the
 * table's schema, write properties (compression, per-column dictionary and statistics settings) and
 * metrics configuration. Appends only: delete files are not written this way.
 */
final class StructRowWriterFactory implements FileWriterFactory<StructLike> {

  private final Table table;

  StructRowWriterFactory(Table table) {
    this.table = Objects.requireNonNull(table, "table");
  }

  @Override
  public DataWriter<StructLike> newDataWriter(
      EncryptedOutputFile file, PartitionSpec spec, StructLike partition) {
    try {
      return Parquet.writeData(file)
          .forTable(table)
          .withSpec(spec)
          .withPartition(partition)
          .withKeyMetadata(file.keyMetadata())
          .createWriterFunc(type -> InternalWriter.create(table.schema().asStruct(), type))
          .overwrite()
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("opening a data file of " + table.name(), e);
    }
  }

  @Override
  public EqualityDeleteWriter<StructLike> newEqualityDeleteWriter(
      EncryptedOutputFile file, PartitionSpec spec, StructLike partition) {
    throw new UnsupportedOperationException("struct rows are appended, never written as deletes");
  }

  @Override
  public PositionDeleteWriter<StructLike> newPositionDeleteWriter(
      EncryptedOutputFile file, PartitionSpec spec, StructLike partition) {
    throw new UnsupportedOperationException("struct rows are appended, never written as deletes");
  }
}
