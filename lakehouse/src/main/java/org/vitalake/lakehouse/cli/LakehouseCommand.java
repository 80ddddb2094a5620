package org.vitalake.lakehouse.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.catalog.TableIdentifier;
import org.vitalake.lakehouse.EnsureTablesResult;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseProperties;
import org.vitalake.lakehouse.LakehouseProperties.CatalogKind;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableDefinition;
import org.vitalake.lakehouse.TableScanner;
import org.vitalake.lakehouse.TableScanner.TableStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Command line of the lakehouse: {@code init} creates the buckets and tables, {@code status} lists
 * every table with its row count and last commit. Configured by the {@code VITALAKE_*} environment
 * variables.
 */
public final class LakehouseCommand {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private static final String USAGE_TEXT =
      """
      usage: LakehouseCommand <command>
        init     create the warehouse, raw and models buckets and every missing table or column
        status   list every table with its row count and last commit
      configured by VITALAKE_CATALOG_URI, VITALAKE_WAREHOUSE, VITALAKE_S3_ENDPOINT,
      VITALAKE_S3_ACCESS_KEY, VITALAKE_S3_SECRET_KEY, VITALAKE_RAW_BUCKET,
      VITALAKE_MODELS_BUCKET (see README)""";

  private final PrintStream out;
  private final PrintStream err;

  public LakehouseCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs a command and exits with its status (explicitly: S3 client threads would linger). */
  public static void main(String[] args) {
    // Iceberg logs every table load at INFO; the command's own output is what the user reads
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    int status =
        new LakehouseCommand(System.out, System.err).run(Arrays.asList(args), System.getenv());
    System.out.flush();
    System.exit(status);
  }

  /**
   * Runs {@code args} with {@code env} as the environment.
   *
   * @return 0 on success, 1 when the lakehouse is unreachable or misconfigured, 2 on bad usage
   */
  public int run(List<String> args, Map<String, String> env) {
    if (args.size() != 1) {
      err.println(USAGE_TEXT);
      return USAGE;
    }
    String command = args.get(0);
    if (command.equals("help") || command.equals("--help") || command.equals("-h")) {
      out.println(USAGE_TEXT);
      return OK;
    }
    if (!command.equals("init") && !command.equals("status")) {
      err.println("unknown command '" + command + "'");
      err.println(USAGE_TEXT);
      return USAGE;
    }
    LakehouseProperties properties;
    try {
      properties = LakehouseProperties.fromMap(env);
    } catch (IllegalArgumentException e) {
      err.println("configuration error: " + e.getMessage());
      return FAILED;
    }
    String unreachable = checkS3Reachable(properties);
    if (unreachable != null) {
      err.println(unreachable);
      return FAILED;
    }
    if (command.equals("status") && properties.catalogKind() == CatalogKind.SQLITE) {
      Path file = properties.sqliteFile();
      if (!Files.isRegularFile(file)) {
        err.println(
            "catalog file "
                + file
                + " does not exist ("
                + LakehouseProperties.ENV_CATALOG_URI
                + "="
                + properties.catalogUri()
                + "): create it with './vitalake up' or 'LakehouseCommand init'");
        return FAILED;
      }
    }
    try (Lakehouse lakehouse = Lakehouse.open(properties)) {
      String storageProblem = checkStorage(lakehouse, command.equals("status"));
      if (storageProblem != null) {
        err.println(storageProblem);
        return FAILED;
      }
      return command.equals("init") ? init(lakehouse) : status(lakehouse);
    } catch (RuntimeException e) {
      err.println(
          "cannot "
              + (command.equals("init") ? "initialise" : "read")
              + " the lakehouse (catalog "
              + properties.catalogKind().name().toLowerCase(Locale.ROOT)
              + " at "
              + properties
              + "): "
              + rootMessage(e));
      return FAILED;
    }
  }

  private int init(Lakehouse lakehouse) {
    LakehouseProperties p = lakehouse.properties();
    List<String> createdBuckets = lakehouse.ensureBuckets();
    for (String bucket : List.of(p.warehouseBucket(), p.rawBucket(), p.modelsBucket())) {
      out.println(
          (createdBuckets.contains(bucket) ? "created bucket " : "bucket exists  ") + bucket);
    }
    EnsureTablesResult result = lakehouse.ensureTables();
    result.createdNamespaces().forEach(ns -> out.println("created namespace " + ns));
    result.createdTables().forEach(id -> out.println("created table " + id));
    result
        .addedColumns()
        .forEach((id, columns) -> out.println("added columns to " + id + ": " + columns));
    out.println(
        "catalog '"
            + p.catalogName()
            + "': "
            + LakehouseTables.ALL.size()
            + " tables ready ("
            + result.createdTables().size()
            + " created, "
            + result.addedColumns().size()
            + " evolved, "
            + result.unchangedTables().size()
            + " unchanged)");
    return OK;
  }

  private int status(Lakehouse lakehouse) {
    LakehouseProperties p = lakehouse.properties();
    TableScanner scanner = new TableScanner(lakehouse);
    NumberFormat count = NumberFormat.getIntegerInstance(Locale.ROOT);
    count.setGroupingUsed(true);
    out.println("Tables (catalog '" + p.catalogName() + "', warehouse " + p.warehouse() + ")");
    int missing = 0;
    for (TableDefinition table : LakehouseTables.ALL) {
      TableIdentifier id = table.id();
      if (!lakehouse.catalog().tableExists(id)) {
        out.printf(Locale.ROOT, "  %-26s %14s%n", id, "missing");
        missing++;
        continue;
      }
      TableStatus status = scanner.status(id);
      out.printf(
          Locale.ROOT,
          "  %-26s %9s rows   %s%n",
          id,
          count.format(status.rowCount()),
          status.empty()
              ? "never written"
              : "last commit " + status.lastCommitAt().truncatedTo(ChronoUnit.SECONDS));
    }
    if (missing > 0) {
      out.println(missing + " tables are missing: create them with 'LakehouseCommand init'");
    }
    return OK;
  }

  /**
   * Null when S3 accepts the credentials (and, for status, the warehouse bucket exists); otherwise
   * what to tell the user. Checked up front because table reads retry a refusal for minutes.
   */
  private static String checkStorage(Lakehouse lakehouse, boolean warehouseMustExist) {
    LakehouseProperties p = lakehouse.properties();
    try {
      if (!lakehouse.bucketExists(p.warehouseBucket()) && warehouseMustExist) {
        return "warehouse bucket "
            + p.warehouseBucket()
            + " ("
            + LakehouseProperties.ENV_WAREHOUSE
            + ") does not exist on "
            + p.s3Endpoint()
            + ": create it with './vitalake up' or 'LakehouseCommand init'";
      }
      return null;
    } catch (S3Exception e) {
      if (e.statusCode() == 403) {
        return "S3 at "
            + p.s3Endpoint()
            + " refused the credentials in "
            + LakehouseProperties.ENV_S3_ACCESS_KEY
            + "/"
            + LakehouseProperties.ENV_S3_SECRET_KEY
            + " (HTTP 403); for the local stack they are in "
            + "$VITALAKE_HOME/credentials.env";
      }
      return "S3 at " + p.s3Endpoint() + " answered HTTP " + e.statusCode() + ": " + e.getMessage();
    }
  }

  /** Null when the S3 endpoint answers HTTP; otherwise what to tell the user. */
  private static String checkS3Reachable(LakehouseProperties p) {
    try {
      HttpURLConnection c =
          (HttpURLConnection) URI.create(p.s3Endpoint() + "/").toURL().openConnection();
      c.setConnectTimeout(3000);
      c.setReadTimeout(5000);
      try {
        c.getResponseCode();
        return null;
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return "S3 endpoint "
          + p.s3Endpoint()
          + " ("
          + LakehouseProperties.ENV_S3_ENDPOINT
          + ") is unreachable: "
          + e.getMessage()
          + ". Start the local stack with './vitalake up' or point "
          + LakehouseProperties.ENV_S3_ENDPOINT
          + " at a running S3 service.";
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return root == e ? message : e.getMessage() + ": " + message;
  }
}
