package org.vitalake.batch.spark;

import java.io.File;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.vitalake.batch.BatchProperties;
import org.vitalake.lakehouse.LakehouseProperties;
import org.vitalake.lakehouse.TableDefinition;

/**
 * Creates the Spark session of the batch JVM with the lakehouse's Iceberg catalog registered under
 * the shared catalog name, so Spark, the services and notebooks see the same tables.
 */
public final class LakehouseSparkSession {

  private LakehouseSparkSession() {}

  /** The AWS SDK HTTP client of Spark's S3FileIO; the services use Apache's. */
  static final String SPARK_HTTP_CLIENT = "urlconnection";

  /**
   * The Spark configuration for {@code lakehouse} and {@code batch}: Iceberg extensions, the
   * catalog (as default catalog), UTC session time zone, no UI, and for a local master the loopback
   * driver address; the map holds the catalog's secrets.
   */
  public static Map<String, String> createConf(
      LakehouseProperties lakehouse, BatchProperties batch, String appName) {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.app.name", appName);
    conf.put("spark.master", batch.sparkMaster());
    conf.put("spark.ui.enabled", "false");
    conf.put("spark.sql.session.timeZone", "UTC");
    conf.put(
        "spark.sql.extensions",
        "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
    String prefix = "spark.sql.catalog." + lakehouse.catalogName();
    conf.put(prefix, "org.apache.iceberg.spark.SparkCatalog");
    lakehouse.catalogProperties().forEach((k, v) -> conf.put(prefix + "." + k, v));
    // Spark's reads are large ranged GETs, which the URL-connection client serves faster: the
    // pipeline benchmark took 51-52 s with it and 54-56 s with Apache's client (docs/benchmarks.md)
    conf.put(prefix + ".http-client.type", SPARK_HTTP_CLIENT);
    // other processes (ingest) commit to bronze while this JVM runs: always load fresh metadata
    conf.put(prefix + ".cache-enabled", "false");
    conf.put("spark.sql.defaultCatalog", lakehouse.catalogName());
    if (batch.localSpark()) {
      // the host name resolves to an address executors in this JVM cannot always reach
      conf.put("spark.driver.host", "127.0.0.1");
      conf.put("spark.driver.bindAddress", "127.0.0.1");
      conf.put(
          "spark.sql.shuffle.partitions",
          String.valueOf(batch.shufflePartitions() == null ? 8 : batch.shufflePartitions()));
    } else {
      if (batch.shufflePartitions() != null) {
        conf.put("spark.sql.shuffle.partitions", String.valueOf(batch.shufflePartitions()));
      }
      conf.put("spark.jars", batch.sparkJars() != null ? batch.sparkJars() : createExecutorJars());
    }
    return conf;
  }

  /**
   * Returns the session of this JVM, creating it from {@link #createConf}. A master given to {@code
   * spark-submit} (system property {@code spark.master}) wins over {@code VITALAKE_SPARK_MASTER}.
   */
  public static SparkSession create(
      LakehouseProperties lakehouse, BatchProperties batch, String appName) {
    SparkSession.Builder builder = SparkSession.builder();
    Map<String, String> conf = createConf(lakehouse, batch, appName);
    if (System.getProperty("spark.master") != null) {
      conf.remove("spark.master");
    }
    conf.forEach(builder::config);
    return builder.getOrCreate();
  }

  /** The name Spark SQL uses for a lakehouse table: {@code <catalog>.<namespace>.<table>}. */
  public static String tableName(String catalogName, TableDefinition table) {
    return catalogName + "." + table.qualifiedName();
  }

  /**
   * The jars of this JVM's class path that a cluster's executors lack (everything but Spark, Scala
   * and Hadoop, which the cluster brings): Iceberg's runtime, the AWS SDK, JDBC drivers.
   */
  static String createExecutorJars() {
    return Arrays.stream(System.getProperty("java.class.path", "").split(File.pathSeparator))
        .filter(p -> p.endsWith(".jar"))
        .filter(
            p -> {
              String name = new File(p).getName();
              return !(name.startsWith("spark-")
                  || name.startsWith("scala-")
                  || name.startsWith("hadoop-"));
            })
        .collect(Collectors.joining(","));
  }
}
