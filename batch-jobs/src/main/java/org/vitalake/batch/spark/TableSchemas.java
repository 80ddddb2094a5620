package org.vitalake.batch.spark;

import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.types.StructType;
import org.vitalake.lakehouse.TableDefinition;

/** Spark schemas of the lakehouse tables, derived from their Iceberg definitions. */
public final class TableSchemas {

  private TableSchemas() {}

  /** The Spark struct of {@code table}'s columns (timestamptz as Spark timestamps). */
  public static StructType sparkSchema(TableDefinition table) {
    return SparkSchemaUtil.convert(table.schema());
  }
}
