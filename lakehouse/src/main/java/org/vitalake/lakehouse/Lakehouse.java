package org.vitalake.lakehouse;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types.NestedField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The open Iceberg catalog (JDBC on SQLite or PostgreSQL, or REST) with an S3 FileIO, and the
 * operations that keep its tables in the shape {@link LakehouseTables} defines.
 */
public final class Lakehouse implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Lakehouse.class);
  private static final int SCHEMA_UPDATE_ATTEMPTS = 5;

  private final LakehouseProperties properties;
  private final Catalog catalog;
  private final S3FileIO io;

  private Lakehouse(LakehouseProperties properties, Catalog catalog, S3FileIO io) {
    this.properties = properties;
    this.catalog = catalog;
    this.io = io;
  }

  /**
   * Opens the catalog {@code properties} designates. For an SQLite catalog the database file (and
   * its folder) is created when missing.
   */
  public static Lakehouse open(LakehouseProperties properties) {
    Objects.requireNonNull(properties, "properties");
    Map<String, String> catalogProperties = properties.catalogProperties();
    Catalog catalog =
        switch (properties.catalogKind()) {
          case SQLITE -> {
            createParentDirectory(properties.sqliteFile());
            yield jdbcCatalog(properties.catalogName(), catalogProperties);
          }
          case POSTGRESQL -> jdbcCatalog(properties.catalogName(), catalogProperties);
          case REST -> {
            RESTCatalog rest = new RESTCatalog();
            rest.initialize(properties.catalogName(), catalogProperties);
            yield rest;
          }
        };
    S3FileIO io = new S3FileIO();
    io.initialize(properties.fileIoProperties());
    return new Lakehouse(properties, catalog, io);
  }

  /** Opens the catalog described by the {@code VITALAKE_*} environment variables. */
  public static Lakehouse openFromEnvironment() {
    return open(LakehouseProperties.fromEnvironment());
  }

  public LakehouseProperties properties() {
    return properties;
  }

  /** The Iceberg catalog; the same name and tables Spark jobs and notebooks see. */
  public Catalog catalog() {
    return catalog;
  }

  /** Namespace operations of {@link #catalog()}. */
  public SupportsNamespaces namespaces() {
    return (SupportsNamespaces) catalog;
  }

  /** An S3 FileIO on the lakehouse's endpoint and credentials. */
  public FileIO io() {
    return io;
  }

  /**
   * Loads a table.
   *
   * @throws NoSuchTableException saying how to create the tables when it does not exist
   */
  public Table table(TableIdentifier id) {
    try {
      return catalog.loadTable(id);
    } catch (NoSuchTableException e) {
      throw new NoSuchTableException(
          e,
          "Table %s does not exist in catalog '%s' (%s): create the tables with"
              + " 'LakehouseCommand init' or ./vitalake up",
          id,
          properties.catalogName(),
          properties.catalogKind());
    }
  }

  /** Loads a lakehouse table by its definition. */
  public Table table(TableDefinition definition) {
    return table(definition.id());
  }

  /**
   * Creates the warehouse bucket, the raw archive bucket and the model registry bucket when they
   * are missing.
   *
   * @return the buckets created
   */
  public List<String> ensureBuckets() {
    List<String> created = new ArrayList<>();
    for (String bucket :
        List.of(properties.warehouseBucket(), properties.rawBucket(), properties.modelsBucket())) {
      if (!created.contains(bucket) && ensureBucket(bucket)) {
        created.add(bucket);
      }
    }
    return created;
  }

  /**
   * Creates {@code bucket} when it is missing.
   *
   * @return true when the bucket was created
   */
  public boolean ensureBucket(String bucket) {
    return !bucketExists(bucket) && createBucket(io.client(), bucket);
  }

  /**
   * Whether {@code bucket} exists; a cheap way to check the endpoint and credentials, since S3
   * answers a wrong key with 403 at once, while table reads retry it for minutes.
   *
   * @throws S3Exception when S3 refuses the request (403: wrong credentials)
   */
  public boolean bucketExists(String bucket) {
    try {
      io.client().headBucket(b -> b.bucket(bucket));
      return true;
    } catch (NoSuchBucketException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Creates the namespaces and tables of {@link LakehouseTables#ALL} that are missing and adds the
   * columns a table lacks (as optional columns); never drops or changes anything. Safe to run
   * concurrently from several processes.
   */
  public EnsureTablesResult ensureTables() {
    return ensureTables(LakehouseTables.ALL);
  }

  /** {@link #ensureTables()} for the given definitions. */
  public EnsureTablesResult ensureTables(List<TableDefinition> definitions) {
    List<Namespace> createdNamespaces = new ArrayList<>();
    List<TableIdentifier> createdTables = new ArrayList<>();
    Map<TableIdentifier, List<String>> addedColumns = new LinkedHashMap<>();
    List<TableIdentifier> unchanged = new ArrayList<>();
    for (TableDefinition definition : definitions) {
      Namespace namespace = definition.id().namespace();
      if (!createdNamespaces.contains(namespace) && ensureNamespace(namespace)) {
        createdNamespaces.add(namespace);
      }
      if (createTableIfMissing(definition)) {
        createdTables.add(definition.id());
        continue;
      }
      List<String> added = addMissingColumns(definition);
      addMissingProperties(definition);
      if (added.isEmpty()) {
        unchanged.add(definition.id());
      } else {
        addedColumns.put(definition.id(), added);
      }
    }
    return new EnsureTablesResult(createdNamespaces, createdTables, addedColumns, unchanged);
  }

  @Override
  public void close() {
    try {
      if (catalog instanceof Closeable closeable) {
        closeable.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("closing catalog " + properties.catalogName(), e);
    } finally {
      io.close();
    }
  }

  @Override
  public String toString() {
    return "Lakehouse[" + properties + "]";
  }

  private boolean ensureNamespace(Namespace namespace) {
    SupportsNamespaces namespaces = namespaces();
    if (namespaces.namespaceExists(namespace)) {
      return false;
    }
    try {
      namespaces.createNamespace(namespace);
      return true;
    } catch (AlreadyExistsException e) {
      return false; // another process created it meanwhile
    }
  }

  private boolean createTableIfMissing(TableDefinition definition) {
    if (catalog.tableExists(definition.id())) {
      return false;
    }
    Map<String, String> tableProperties = new HashMap<>(definition.properties());
    tableProperties.put("comment", definition.description());
    try {
      catalog
          .buildTable(definition.id(), definition.schema())
          .withPartitionSpec(definition.spec())
          .withProperties(tableProperties)
          .create();
      LOG.info("created table {}", definition.id());
      return true;
    } catch (AlreadyExistsException e) {
      return false; // another process created it meanwhile
    }
  }

  private List<String> addMissingColumns(TableDefinition definition) {
    for (int attempt = 1; ; attempt++) {
      Table table = table(definition.id());
      List<NestedField> missing =
          definition.schema().columns().stream()
              .filter(field -> table.schema().findField(field.name()) == null)
              .toList();
      if (missing.isEmpty()) {
        return List.of();
      }
      UpdateSchema update = table.updateSchema();
      for (NestedField field : missing) {
        // added columns are optional: rows written before the change have no value for them
        update.addColumn(field.name(), field.type(), field.doc());
      }
      try {
        update.commit();
        List<String> names = missing.stream().map(NestedField::name).toList();
        LOG.info("added columns {} to {}", names, definition.id());
        return names;
      } catch (CommitFailedException e) {
        if (attempt >= SCHEMA_UPDATE_ATTEMPTS) {
          throw e;
        }
        // another writer committed meanwhile: reload and recompute what is missing
      }
    }
  }

  private void addMissingProperties(TableDefinition definition) {
    for (int attempt = 1; ; attempt++) {
      Table table = table(definition.id());
      Map<String, String> missing = new LinkedHashMap<>();
      definition
          .properties()
          .forEach(
              (k, v) -> {
                // reserved properties (format-version) live in the metadata, not in properties()
                if (!TableProperties.RESERVED_PROPERTIES.contains(k)
                    && !table.properties().containsKey(k)) {
                  missing.put(k, v);
                }
              });
      if (missing.isEmpty()) {
        return;
      }
      UpdateProperties update = table.updateProperties();
      missing.forEach(update::set);
      try {
        update.commit();
        return;
      } catch (CommitFailedException e) {
        if (attempt >= SCHEMA_UPDATE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static JdbcCatalog jdbcCatalog(String name, Map<String, String> catalogProperties) {
    JdbcCatalog jdbc = new JdbcCatalog();
    jdbc.initialize(name, catalogProperties);
    return jdbc;
  }

  private static boolean createBucket(S3Client s3, String bucket) {
    try {
      s3.createBucket(b -> b.bucket(bucket));
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == 409) {
        return false; // created meanwhile
      }
      throw e;
    }
  }

  private static void createParentDirectory(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null) {
      return;
    }
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the catalog folder " + parent, e);
    }
  }
}
