package org.vitalake.lakehouse;

import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * What {@link Lakehouse#ensureTables()} changed: namespaces and tables it created, and the columns
 * it added to tables that already existed.
 */
public record EnsureTablesResult(
    List<Namespace> createdNamespaces,
    List<TableIdentifier> createdTables,
    Map<TableIdentifier, List<String>> addedColumns,
    List<TableIdentifier> unchangedTables) {

  public EnsureTablesResult {
    createdNamespaces = List.copyOf(createdNamespaces);
    createdTables = List.copyOf(createdTables);
    addedColumns = Map.copyOf(addedColumns);
    unchangedTables = List.copyOf(unchangedTables);
  }

  /** True when every namespace, table and column was already there. */
  public boolean changedNothing() {
    return createdNamespaces.isEmpty() && createdTables.isEmpty() && addedColumns.isEmpty();
  }
}
