package org.vitalake.lakehouse;

import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * One lakehouse table as the code expects it: identifier, schema (with field ids), partition spec,
 * table properties and a one-line description stored as the table's {@code comment}.
 */
public record TableDefinition(
    TableIdentifier id,
    Schema schema,
    PartitionSpec spec,
    Map<String, String> properties,
    String description) {

  public TableDefinition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(spec, "spec");
    properties = Map.copyOf(properties);
    Objects.requireNonNull(description, "description");
    if (!spec.schema().sameSchema(schema)) {
      throw new IllegalArgumentException("partition spec of " + id + " is bound to another schema");
    }
  }

  /** {@code namespace.table}, as engines spell it. */
  public String qualifiedName() {
    return id.toString();
  }
}
