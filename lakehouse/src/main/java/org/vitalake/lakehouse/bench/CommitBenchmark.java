package org.vitalake.lakehouse.bench;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseProperties;
import org.vitalake.lakehouse.TableAppender;

/**
 * {@code ./vitalake bench commit [--commits N] [--rows R] [--http-client apache|urlconnection]
 * [--iceberg-pool]}: the latency of one Iceberg append commit on the running stack's catalog and S3
 * server, the step every bronze write (sync ingest, imports) waits for.
 *
 * <p>It creates a scratch table {@code bench_commit.t<random>}, then N + 20 times writes a Parquet
 * file of R rows (not timed) and commits it alone (timed), and drops the table with its files. The
 * first 20 commits warm up the JIT and the connection pool. By default commits go through {@link
 * TableAppender#commitDataFiles} over the lakehouse's HTTP client; {@code --iceberg-pool} commits
 * with a plain {@code table.newAppend().commit()} (Iceberg's worker pool) and {@code --http-client}
 * picks the AWS SDK client, to compare with what the services used before.
 */
public final class CommitBenchmark {

  private static final int WARMUP = 20;
  private static final Namespace NAMESPACE = Namespace.of("bench_commit");
  private static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "id", Types.LongType.get()),
          Types.NestedField.optional(2, "label", Types.StringType.get()));

  private CommitBenchmark() {}

  public static void main(String[] args) {
    int commits = 150;
    int rows = 1000;
    String httpClient = null;
    boolean icebergPool = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--commits" -> commits = number(args, ++i, "--commits", 10);
        case "--rows" -> rows = number(args, ++i, "--rows", 1);
        case "--http-client" -> {
          httpClient = i + 1 < args.length ? args[++i] : "";
          if (!httpClient.equals("apache") && !httpClient.equals("urlconnection")) {
            usage("--http-client is apache or urlconnection, not '" + httpClient + "'");
          }
        }
        case "--iceberg-pool" -> icebergPool = true;
        default -> usage("unknown option '" + args[i] + "'");
      }
    }
    LakehouseProperties properties = LakehouseProperties.fromEnvironment();
    Map<String, String> catalogProperties = new HashMap<>(properties.catalogProperties());
    if (httpClient != null) {
      catalogProperties.put("http-client.type", httpClient);
    }
    String client = catalogProperties.get("http-client.type");
    try (Lakehouse lakehouse = Lakehouse.open(properties)) {
      Catalog catalog =
          CatalogUtil.buildIcebergCatalog(
              properties.catalogName(), catalogProperties, new Configuration(false));
      boolean createdNamespace = !lakehouse.namespaces().namespaceExists(NAMESPACE);
      if (createdNamespace) {
        lakehouse.namespaces().createNamespace(NAMESPACE);
      }
      TableIdentifier id =
          TableIdentifier.of(NAMESPACE, "t" + UUID.randomUUID().toString().replace("-", ""));
      catalog.createTable(id, SCHEMA);
      try {
        Table table = catalog.loadTable(id);
        long[] nanos = run(new TableAppender(lakehouse), table, commits, rows, icebergPool);
        report(nanos, rows, client, icebergPool);
      } finally {
        catalog.dropTable(id, true);
        if (createdNamespace) {
          lakehouse.namespaces().dropNamespace(NAMESPACE);
        }
        if (catalog instanceof Closeable closeable) {
          closeable.close();
        }
      }
    } catch (Exception e) {
      System.err.println("commit benchmark failed: " + e);
      System.exit(1);
    }
  }

  private static int number(String[] args, int i, String option, int min) {
    try {
      int value = Integer.parseInt(i < args.length ? args[i] : "");
      if (value >= min) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    usage(option + " takes a whole number of at least " + min);
    return min; // not reached
  }

  private static void usage(String problem) {
    System.err.println(problem);
    System.err.println(
        "usage: ./vitalake bench commit [--commits N] [--rows R]"
            + " [--http-client apache|urlconnection] [--iceberg-pool]");
    System.exit(2);
  }

  private static long[] run(
      TableAppender appender, Table table, int commits, int rows, boolean icebergPool) {
    List<Record> batch = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      GenericRecord record = GenericRecord.create(SCHEMA);
      record.setField("id", (long) r);
      record.setField("label", "row " + r);
      batch.add(record);
    }
    long[] nanos = new long[commits];
    for (int i = 0; i < WARMUP + commits; i++) {
      List<DataFile> files = appender.writeDataFiles(table, batch);
      long start = System.nanoTime();
      if (icebergPool) {
        AppendFiles append = table.newAppend();
        files.forEach(append::appendFile);
        append.commit();
      } else {
        appender.commitDataFiles(table, files);
      }
      if (i >= WARMUP) {
        nanos[i - WARMUP] = System.nanoTime() - start;
      }
    }
    return nanos;
  }

  private static void report(long[] nanos, int rows, String client, boolean icebergPool) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.println(BenchmarkMachine.describe());
    System.out.printf(
        Locale.ROOT,
        "%d commits of one %d-row file (after %d warm-up commits), %s, HTTP client %s:%n",
        sorted.length,
        rows,
        WARMUP,
        icebergPool ? "Iceberg's worker pool" : "TableAppender",
        client);
    System.out.printf(
        Locale.ROOT,
        "  mean %.1f ms, median %.1f ms, p90 %.1f ms, max %.1f ms%n",
        Arrays.stream(sorted).average().orElse(0) / 1e6,
        sorted[sorted.length / 2] / 1e6,
        sorted[sorted.length * 9 / 10] / 1e6,
        sorted[sorted.length - 1] / 1e6);
  }
}
