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
import org.vitalake.lakehouse.export.ExportListener;
import org.vitalake.lakehouse.export.ExportRequest;
import org.vitalake.lakehouse.export.ExportResult;
import org.vitalake.lakehouse.export.RawPayloadExport;
import org.vitalake.lakehouse.export.TableExport;
import org.vitalake.lakehouse.export.UserDataExporter;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Command line of the lakehouse: {@code init} creates the buckets and tables, {@code status} lists
 * every table with its row count and last commit, {@code export} writes one person's data as
 * Parquet files with a manifest. Configured by the {@code VITALAKE_*} environment variables.
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
        export   one person's rows of every table as Parquet files, their raw payloads and a
                 manifest.json (a data access or portability request):
                 export --user ID --out DIR [--tables t1,t2,...|raw] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
      configured by VITALAKE_CATALOG_URI, VITALAKE_WAREHOUSE, VITALAKE_S3_ENDPOINT,
      VITALAKE_S3_ACCESS_KEY, VITALAKE_S3_SECRET_KEY, VITALAKE_RAW_BUCKET,
      VITALAKE_MODELS_BUCKET (see README)""";

  private static final String EXPORT_USAGE =
      "usage: export --user ID --out DIR [--tables t1,t2,...|raw] [--from YYYY-MM-DD]"
          + " [--to YYYY-MM-DD]";

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
    if (!args.isEmpty() && args.get(0).equals("export")) {
      return export(args.subList(1, args.size()), env);
    }
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
    LakehouseProperties properties = reachableLakehouse(env, command.equals("status"));
    if (properties == null) {
      return FAILED;
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

  /**
   * Exports one person's data: the options are checked before anything is opened, so a typo costs
   * no connection and leaves nothing behind.
   */
  private int export(List<String> options, Map<String, String> env) {
    if (options.contains("--help") || options.contains("-h")) {
      out.println(EXPORT_USAGE);
      return OK;
    }
    ExportRequest request;
    try {
      request = ExportRequest.parse(options);
      UserDataExporter.checkOutputDirectory(request.outputDirectory());
    } catch (IllegalArgumentException e) {
      err.println("export: " + e.getMessage());
      err.println(EXPORT_USAGE);
      return USAGE;
    }
    LakehouseProperties properties = reachableLakehouse(env, true);
    if (properties == null) {
      return FAILED;
    }
    long started = System.nanoTime();
    try (Lakehouse lakehouse = Lakehouse.open(properties)) {
      String storageProblem = checkStorage(lakehouse, true);
      if (storageProblem != null) {
        err.println(storageProblem);
        return FAILED;
      }
      out.println(
          "Exporting the data of user "
              + request.user()
              + " ("
              + request.days()
              + ") to "
              + request.outputDirectory());
      ExportResult result =
          new UserDataExporter(lakehouse).export(request, new ExportProgress(out));
      double seconds = (System.nanoTime() - started) / 1e9;
      out.printf(
          Locale.ROOT,
          "Exported %d tables (%d with rows), %s rows, %s, %s in %.1f s to %s%n",
          result.tables().size(),
          result.tablesWithRows().size(),
          count(result.rows()),
          bytes(result.bytes()),
          result
              .rawPayloads()
              .map(r -> count(r.copied().size()) + " raw payloads")
              .orElse("no raw payloads"),
          seconds,
          result.directory());
      out.println("The manifest is " + result.manifest());
      if (result.rows() == 0 && result.rawPayloads().map(r -> r.copied().isEmpty()).orElse(true)) {
        out.println(
            "No table holds rows of user "
                + request.user()
                + " (ids are case-sensitive): check the id if this person has used the platform");
      }
      return OK;
    } catch (RuntimeException e) {
      err.println(
          "export of user "
              + request.user()
              + " failed and what it had written to "
              + request.outputDirectory()
              + " was removed: "
              + rootMessage(e));
      return FAILED;
    }
  }

  /** Prints one line per table as it is exported. */
  private static final class ExportProgress implements ExportListener {
    private final PrintStream out;

    ExportProgress(PrintStream out) {
      this.out = out;
    }

    @Override
    public void tableStarted(TableIdentifier table) {
      out.printf(Locale.ROOT, "  %-26s ", table);
      out.flush();
    }

    @Override
    public void tableFinished(TableExport table) {
      if (table.file() == null) {
        out.printf(
            Locale.ROOT,
            "%10s rows   %s%n",
            "0",
            table.snapshotId() == null ? "(table never written)" : "(no file)");
      } else {
        out.printf(
            Locale.ROOT,
            "%10s rows   %9s  %s%n",
            count(table.rows()),
            bytes(table.bytes()),
            table.file());
      }
    }

    @Override
    public void rawPayloadsStarted() {
      out.printf(Locale.ROOT, "  %-26s ", "raw payloads");
      out.flush();
    }

    @Override
    public void rawPayloadsFinished(RawPayloadExport payloads) {
      out.printf(
          Locale.ROOT,
          "%10s files  %9s  %s%s%n",
          count(payloads.copied().size()),
          bytes(payloads.bytes()),
          payloads.copied().isEmpty() ? "" : UserDataExporter.RAW_FOLDER + "/",
          payloads.skipped().isEmpty()
              ? ""
              : "   (" + count(payloads.skipped().size()) + " listed in the manifest, not copied)");
    }
  }

  private static String count(long n) {
    NumberFormat format = NumberFormat.getIntegerInstance(Locale.ROOT);
    format.setGroupingUsed(true);
    return format.format(n);
  }

  private static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
  }

  /** Null unless the catalog is an SQLite file that does not exist; then what to tell the user. */
  private static String checkCatalogFile(LakehouseProperties properties) {
    if (properties.catalogKind() != CatalogKind.SQLITE) {
      return null;
    }
    Path file = properties.sqliteFile();
    if (Files.isRegularFile(file)) {
      return null;
    }
    return "catalog file "
        + file
        + " does not exist ("
        + LakehouseProperties.ENV_CATALOG_URI
        + "="
        + properties.catalogUri()
        + "): create it with './vitalake up' or 'LakehouseCommand init'";
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

  /**
   * The lakehouse configured by {@code env}, once its S3 endpoint answers and, when {@code
   * catalogMustExist}, its catalog file exists; null after printing what is wrong.
   */
  private LakehouseProperties reachableLakehouse(
      Map<String, String> env, boolean catalogMustExist) {
    LakehouseProperties properties;
    try {
      properties = LakehouseProperties.fromMap(env);
    } catch (IllegalArgumentException e) {
      err.println("configuration error: " + e.getMessage());
      return null;
    }
    String problem = checkS3Reachable(properties);
    if (problem == null && catalogMustExist) {
      problem = checkCatalogFile(properties);
    }
    if (problem != null) {
      err.println(problem);
      return null;
    }
    return properties;
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
