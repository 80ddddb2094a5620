package org.vitalake.batch;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.vitalake.lakehouse.LakehouseProperties;
import org.vitalake.lakehouse.local.RepositoryRoot;

/**
 * Settings of the batch JVM: where the Spring Batch job repository lives, which Spark master runs
 * the steps, and the table-maintenance and query limits.
 *
 * @param home state folder ({@code VITALAKE_HOME}); the default H2 job repository lives under it
 * @param jobRepositoryUrl JDBC URL of the job repository: {@code VITALAKE_BATCH_DB_URL}, else an H2
 *     file {@code <home>/batch/jobrepo}
 * @param jobRepositoryUser database user ({@code VITALAKE_BATCH_DB_USER}); nullable
 * @param jobRepositoryPassword database password ({@code VITALAKE_BATCH_DB_PASSWORD}); nullable
 * @param sparkMaster {@code VITALAKE_SPARK_MASTER}, default {@code local[*]}
 * @param sparkJars comma-separated jars shipped to a cluster's executors ({@code
 *     VITALAKE_SPARK_JARS}); nullable
 * @param shufflePartitions {@code VITALAKE_SPARK_SHUFFLE_PARTITIONS}; nullable = engine default for
 *     a cluster, 8 for a local master
 * @param snapshotRetentionHours {@code VITALAKE_SNAPSHOT_RETENTION_HOURS}, default 168
 * @param arrivalMarginMinutes {@code VITALAKE_PIPELINE_ARRIVAL_MARGIN_MINUTES}, default 60: when
 *     the bronze snapshots since the last run have been expired, a run reads the rows that arrived
 *     after the last run's data time minus this margin, which must cover the longest time between a
 *     row's {@code received_at} and its commit, and the clock difference between writers
 * @param sqlMaxRows rows the sql command prints at most ({@code VITALAKE_SQL_MAX_ROWS}, default
 *     100)
 * @param cohortMinUsers users a cell of {@code gold.cohort_weekly} needs not to be suppressed
 *     ({@code VITALAKE_COHORT_MIN_USERS}, default 10)
 */
public record BatchProperties(
    Path home,
    String jobRepositoryUrl,
    String jobRepositoryUser,
    String jobRepositoryPassword,
    String sparkMaster,
    String sparkJars,
    Integer shufflePartitions,
    int snapshotRetentionHours,
    int arrivalMarginMinutes,
    int sqlMaxRows,
    int cohortMinUsers) {

  public static final String ENV_BATCH_DB_URL = "VITALAKE_BATCH_DB_URL";
  public static final String ENV_BATCH_DB_USER = "VITALAKE_BATCH_DB_USER";
  public static final String ENV_BATCH_DB_PASSWORD = "VITALAKE_BATCH_DB_PASSWORD";
  public static final String ENV_SPARK_MASTER = "VITALAKE_SPARK_MASTER";
  public static final String ENV_SPARK_JARS = "VITALAKE_SPARK_JARS";
  public static final String ENV_SHUFFLE_PARTITIONS = "VITALAKE_SPARK_SHUFFLE_PARTITIONS";
  public static final String ENV_SNAPSHOT_RETENTION_HOURS = "VITALAKE_SNAPSHOT_RETENTION_HOURS";
  public static final String ENV_ARRIVAL_MARGIN_MINUTES =
      "VITALAKE_PIPELINE_ARRIVAL_MARGIN_MINUTES";
  public static final String ENV_SQL_MAX_ROWS = "VITALAKE_SQL_MAX_ROWS";
  public static final String ENV_COHORT_MIN_USERS = "VITALAKE_COHORT_MIN_USERS";

  public static final String DEFAULT_SPARK_MASTER = "local[*]";
  public static final int DEFAULT_SNAPSHOT_RETENTION_HOURS = 168;
  public static final int DEFAULT_ARRIVAL_MARGIN_MINUTES = 60;
  public static final int DEFAULT_SQL_MAX_ROWS = 100;
  public static final int DEFAULT_COHORT_MIN_USERS = 10;

  public BatchProperties {
    Objects.requireNonNull(home, LakehouseProperties.ENV_HOME);
    if (jobRepositoryUrl == null || !jobRepositoryUrl.startsWith("jdbc:")) {
      throw new IllegalArgumentException(
          ENV_BATCH_DB_URL + " is '" + jobRepositoryUrl + "' but must be a jdbc: URL");
    }
    if (sparkMaster == null || sparkMaster.isBlank()) {
      throw new IllegalArgumentException(ENV_SPARK_MASTER + " must not be empty");
    }
    if (shufflePartitions != null && (shufflePartitions < 1 || shufflePartitions > 100_000)) {
      throw new IllegalArgumentException(
          ENV_SHUFFLE_PARTITIONS + " is " + shufflePartitions + " but must be 1-100000");
    }
    if (snapshotRetentionHours < 1 || snapshotRetentionHours > 24 * 3650) {
      throw new IllegalArgumentException(
          ENV_SNAPSHOT_RETENTION_HOURS + " is " + snapshotRetentionHours + " but must be 1-87600");
    }
    if (arrivalMarginMinutes < 0 || arrivalMarginMinutes > 7 * 24 * 60) {
      throw new IllegalArgumentException(
          ENV_ARRIVAL_MARGIN_MINUTES + " is " + arrivalMarginMinutes + " but must be 0-10080");
    }
    if (sqlMaxRows < 1 || sqlMaxRows > 1_000_000) {
      throw new IllegalArgumentException(
          ENV_SQL_MAX_ROWS + " is " + sqlMaxRows + " but must be 1-1000000");
    }
    if (cohortMinUsers < 1 || cohortMinUsers > 1_000) {
      throw new IllegalArgumentException(
          ENV_COHORT_MIN_USERS + " is " + cohortMinUsers + " but must be 1-1000");
    }
  }

  /** Reads the process environment; see {@link #fromMap(Map)}. */
  public static BatchProperties fromEnvironment() {
    return fromMap(System.getenv());
  }

  /**
   * Reads the {@code VITALAKE_*} variables from {@code env} with the local defaults.
   *
   * @throws IllegalArgumentException naming the variable that is malformed
   */
  public static BatchProperties fromMap(Map<String, String> env) {
    Path home =
        value(env, LakehouseProperties.ENV_HOME) != null
            ? Path.of(value(env, LakehouseProperties.ENV_HOME)).toAbsolutePath().normalize()
            : RepositoryRoot.findFromWorkingDirectory().resolve(".vitalake");
    String url = value(env, ENV_BATCH_DB_URL);
    if (url == null) {
      url = h2Url(home);
    }
    return new BatchProperties(
        home,
        url,
        value(env, ENV_BATCH_DB_USER),
        value(env, ENV_BATCH_DB_PASSWORD),
        valueOr(env, ENV_SPARK_MASTER, DEFAULT_SPARK_MASTER),
        value(env, ENV_SPARK_JARS),
        intOrNull(env, ENV_SHUFFLE_PARTITIONS),
        intOr(env, ENV_SNAPSHOT_RETENTION_HOURS, DEFAULT_SNAPSHOT_RETENTION_HOURS),
        intOr(env, ENV_ARRIVAL_MARGIN_MINUTES, DEFAULT_ARRIVAL_MARGIN_MINUTES),
        intOr(env, ENV_SQL_MAX_ROWS, DEFAULT_SQL_MAX_ROWS),
        intOr(env, ENV_COHORT_MIN_USERS, DEFAULT_COHORT_MIN_USERS));
  }

  /** The default job repository: an H2 file under {@code <home>/batch}. */
  public static String h2Url(Path home) {
    return "jdbc:h2:file:" + home.resolve("batch").resolve("jobrepo") + ";DB_CLOSE_ON_EXIT=FALSE";
  }

  /** Whether Spark runs inside this JVM. */
  public boolean localSpark() {
    return sparkMaster.startsWith("local");
  }

  /** Copy with another Spark master. */
  public BatchProperties withSparkMaster(String master) {
    return new BatchProperties(
        home,
        jobRepositoryUrl,
        jobRepositoryUser,
        jobRepositoryPassword,
        master,
        sparkJars,
        shufflePartitions,
        snapshotRetentionHours,
        arrivalMarginMinutes,
        sqlMaxRows,
        cohortMinUsers);
  }

  @Override
  public String toString() {
    return "BatchProperties[home="
        + home
        + ", jobRepositoryUrl="
        + jobRepositoryUrl.replaceAll("(?i)(password=)[^&;]*", "$1****")
        + ", jobRepositoryUser="
        + jobRepositoryUser
        + ", jobRepositoryPassword="
        + (jobRepositoryPassword == null ? "null" : "****")
        + ", sparkMaster="
        + sparkMaster
        + ", shufflePartitions="
        + shufflePartitions
        + ", snapshotRetentionHours="
        + snapshotRetentionHours
        + ", arrivalMarginMinutes="
        + arrivalMarginMinutes
        + ", sqlMaxRows="
        + sqlMaxRows
        + "]";
  }

  private static String value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static String valueOr(Map<String, String> env, String name, String defaultValue) {
    String v = value(env, name);
    return v == null ? defaultValue : v;
  }

  private static int intOr(Map<String, String> env, String name, int defaultValue) {
    Integer v = intOrNull(env, name);
    return v == null ? defaultValue : v;
  }

  private static Integer intOrNull(Map<String, String> env, String name) {
    String v = value(env, name);
    if (v == null) {
      return null;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is '" + v + "' but must be a whole number");
    }
  }
}
