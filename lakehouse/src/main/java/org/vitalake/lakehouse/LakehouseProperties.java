package org.vitalake.lakehouse;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.vitalake.lakehouse.local.RepositoryRoot;

/**
 * Where the lakehouse lives: the Iceberg catalog, the S3 endpoint with its credentials, the
 * warehouse and the raw payload bucket.
 *
 * <p>Secrets come only from the environment ({@link #fromEnvironment()}); there are no built-in
 * credentials. {@link #toString()} masks them.
 *
 * @param catalogName name of the Iceberg catalog; JDBC catalogs key their rows by it, so every
 *     process (services, Spark jobs, notebooks) must use the same name
 * @param catalogUri {@code jdbc:sqlite:<file>}, {@code jdbc:postgresql://...} or {@code
 *     http(s)://...} (Iceberg REST catalog)
 * @param catalogUser user for a PostgreSQL catalog, or the client id of a REST catalog; nullable
 * @param catalogPassword password for a PostgreSQL catalog, or the client secret of a REST catalog;
 *     nullable
 * @param warehouse {@code s3://bucket/prefix} under which table data and metadata are written
 * @param s3Endpoint {@code http(s)://host:port} of the S3 API (path-style addressing is used)
 * @param region S3 signing region
 * @param accessKey S3 access key id
 * @param secretKey S3 secret access key
 * @param rawBucket bucket of the raw payload archive
 * @param modelsBucket bucket of the model registry (trained models and their entries)
 */
public record LakehouseProperties(
    String catalogName,
    String catalogUri,
    String catalogUser,
    String catalogPassword,
    String warehouse,
    String s3Endpoint,
    String region,
    String accessKey,
    String secretKey,
    String rawBucket,
    String modelsBucket) {

  public static final String ENV_HOME = "VITALAKE_HOME";
  public static final String ENV_CATALOG_NAME = "VITALAKE_CATALOG_NAME";
  public static final String ENV_CATALOG_URI = "VITALAKE_CATALOG_URI";
  public static final String ENV_CATALOG_USER = "VITALAKE_CATALOG_USER";
  public static final String ENV_CATALOG_PASSWORD = "VITALAKE_CATALOG_PASSWORD";
  public static final String ENV_WAREHOUSE = "VITALAKE_WAREHOUSE";
  public static final String ENV_S3_ENDPOINT = "VITALAKE_S3_ENDPOINT";
  public static final String ENV_S3_REGION = "VITALAKE_S3_REGION";
  public static final String ENV_S3_ACCESS_KEY = "VITALAKE_S3_ACCESS_KEY";
  public static final String ENV_S3_SECRET_KEY = "VITALAKE_S3_SECRET_KEY";
  public static final String ENV_RAW_BUCKET = "VITALAKE_RAW_BUCKET";
  public static final String ENV_MODELS_BUCKET = "VITALAKE_MODELS_BUCKET";

  public static final String DEFAULT_CATALOG_NAME = "vitalake";
  public static final String DEFAULT_WAREHOUSE = "s3://vitalake-warehouse/warehouse";
  public static final String DEFAULT_S3_ENDPOINT = "http://127.0.0.1:9000";
  public static final String DEFAULT_REGION = "us-east-1";
  public static final String DEFAULT_RAW_BUCKET = "vitalake-raw";
  public static final String DEFAULT_MODELS_BUCKET = "vitalake-models";

  private static final Pattern CATALOG_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");

  /** The kind of Iceberg catalog a {@link #catalogUri()} designates. */
  public enum CatalogKind {
    SQLITE,
    POSTGRESQL,
    REST
  }

  public LakehouseProperties {
    require(ENV_CATALOG_NAME, catalogName);
    if (!CATALOG_NAME.matcher(catalogName).matches()) {
      throw invalid(
          ENV_CATALOG_NAME,
          catalogName,
          "a letter followed by up to 63 letters, digits or underscores");
    }
    require(ENV_CATALOG_URI, catalogUri);
    catalogKindOf(catalogUri);
    require(ENV_WAREHOUSE, warehouse);
    if (!warehouse.startsWith("s3://") || bucketOf(warehouse).isEmpty()) {
      throw invalid(ENV_WAREHOUSE, warehouse, "an s3://bucket/prefix location");
    }
    requireBucket(ENV_WAREHOUSE, bucketOf(warehouse));
    require(ENV_S3_ENDPOINT, s3Endpoint);
    requireHttpUrl(ENV_S3_ENDPOINT, s3Endpoint);
    require(ENV_S3_REGION, region);
    if (!REGION.matcher(region).matches()) {
      throw invalid(ENV_S3_REGION, region, "a region name such as us-east-1");
    }
    require(ENV_S3_ACCESS_KEY, accessKey);
    require(ENV_S3_SECRET_KEY, secretKey);
    require(ENV_RAW_BUCKET, rawBucket);
    requireBucket(ENV_RAW_BUCKET, rawBucket);
    require(ENV_MODELS_BUCKET, modelsBucket);
    requireBucket(ENV_MODELS_BUCKET, modelsBucket);
    catalogUser = blankToNull(catalogUser);
    catalogPassword = blankToNull(catalogPassword);
  }

  /** Reads the process environment; see {@link #fromMap(Map)}. */
  public static LakehouseProperties fromEnvironment() {
    return fromMap(System.getenv());
  }

  /**
   * Reads the {@code VITALAKE_*} variables from {@code env}, applying the local-stack defaults for
   * everything but the S3 credentials.
   *
   * @throws IllegalArgumentException naming the variable that is missing or malformed
   */
  public static LakehouseProperties fromMap(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    Path home =
        value(env, ENV_HOME) != null
            ? Path.of(value(env, ENV_HOME)).toAbsolutePath().normalize()
            : RepositoryRoot.findFromWorkingDirectory().resolve(".vitalake");
    String accessKey = value(env, ENV_S3_ACCESS_KEY);
    String secretKey = value(env, ENV_S3_SECRET_KEY);
    if (accessKey == null || secretKey == null) {
      String missing = accessKey == null ? ENV_S3_ACCESS_KEY : ENV_S3_SECRET_KEY;
      throw new IllegalArgumentException(
          missing
              + " is not set: the S3 credentials come only from the environment"
              + " (for the local stack, ./vitalake up writes them to "
              + home.resolve("credentials.env")
              + ")");
    }
    return new LakehouseProperties(
        valueOr(env, ENV_CATALOG_NAME, DEFAULT_CATALOG_NAME),
        valueOr(env, ENV_CATALOG_URI, "jdbc:sqlite:" + home.resolve("catalog.db")),
        value(env, ENV_CATALOG_USER),
        value(env, ENV_CATALOG_PASSWORD),
        valueOr(env, ENV_WAREHOUSE, DEFAULT_WAREHOUSE),
        valueOr(env, ENV_S3_ENDPOINT, DEFAULT_S3_ENDPOINT),
        valueOr(env, ENV_S3_REGION, DEFAULT_REGION),
        accessKey,
        secretKey,
        valueOr(env, ENV_RAW_BUCKET, DEFAULT_RAW_BUCKET),
        valueOr(env, ENV_MODELS_BUCKET, DEFAULT_MODELS_BUCKET));
  }

  /** The kind of catalog {@link #catalogUri()} designates. */
  public CatalogKind catalogKind() {
    return catalogKindOf(catalogUri);
  }

  /** The bucket part of {@link #warehouse()}. */
  public String warehouseBucket() {
    return bucketOf(warehouse);
  }

  /** For an SQLite catalog, the database file; otherwise {@code null}. */
  public Path sqliteFile() {
    if (catalogKind() != CatalogKind.SQLITE) {
      return null;
    }
    String path = catalogUri.substring("jdbc:sqlite:".length());
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    if (path.startsWith("file:")) {
      path = path.substring("file:".length());
    }
    return Path.of(path);
  }

  /**
   * The S3FileIO settings (endpoint, path-style access, static credentials, region, Apache HTTP
   * client); the map holds the secret key.
   */
  public Map<String, String> fileIoProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
    p.put("s3.endpoint", s3Endpoint);
    p.put("s3.path-style-access", "true");
    p.put("s3.access-key-id", accessKey);
    p.put("s3.secret-access-key", secretKey);
    p.put("client.region", region);
    // Apache's client checks a pooled connection before reusing it. With the URL-connection
    // client, 6-12 of a 256 MB import's 73 S3 writes went out on a connection the S3 server had
    // closed and were retried after a 10-200 ms back-off, mostly on a commit's path
    // (docs/benchmarks.md). Spark's session keeps the URL-connection client, which reads faster.
    p.put("http-client.type", "apache");
    return p;
  }

  /**
   * Everything needed to open the catalog with {@code CatalogUtil.buildIcebergCatalog} or as a
   * Spark catalog ({@code spark.sql.catalog.<name>.<key>}); the map holds secrets.
   */
  public Map<String, String> catalogProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    CatalogKind kind = catalogKind();
    p.put(
        "catalog-impl",
        kind == CatalogKind.REST
            ? "org.apache.iceberg.rest.RESTCatalog"
            : "org.apache.iceberg.jdbc.JdbcCatalog");
    p.put("uri", catalogUri);
    p.put("warehouse", warehouse);
    p.putAll(fileIoProperties());
    switch (kind) {
      case SQLITE -> {
        p.put("jdbc.schema-version", "V1");
        // WAL lets readers proceed while one process commits; the busy timeout makes a second
        // writer wait for the lock instead of failing at once.
        p.put("jdbc.journal_mode", "WAL");
        p.put("jdbc.busy_timeout", "30000");
      }
      case POSTGRESQL -> {
        p.put("jdbc.schema-version", "V1");
        if (catalogUser != null) {
          p.put("jdbc.user", catalogUser);
        }
        if (catalogPassword != null) {
          p.put("jdbc.password", catalogPassword);
        }
      }
      case REST -> {
        if (catalogUser != null && catalogPassword != null) {
          p.put("credential", catalogUser + ":" + catalogPassword);
        }
      }
    }
    return p;
  }

  /**
   * The {@code VITALAKE_*} variables that reproduce these properties, e.g. for a child process; the
   * map holds secrets.
   */
  public Map<String, String> toEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(ENV_CATALOG_NAME, catalogName);
    env.put(ENV_CATALOG_URI, catalogUri);
    if (catalogUser != null) {
      env.put(ENV_CATALOG_USER, catalogUser);
    }
    if (catalogPassword != null) {
      env.put(ENV_CATALOG_PASSWORD, catalogPassword);
    }
    env.put(ENV_WAREHOUSE, warehouse);
    env.put(ENV_S3_ENDPOINT, s3Endpoint);
    env.put(ENV_S3_REGION, region);
    env.put(ENV_S3_ACCESS_KEY, accessKey);
    env.put(ENV_S3_SECRET_KEY, secretKey);
    env.put(ENV_RAW_BUCKET, rawBucket);
    env.put(ENV_MODELS_BUCKET, modelsBucket);
    return env;
  }

  /** Copy with another S3 endpoint (used when a local S3 server moves to another port). */
  public LakehouseProperties withS3Endpoint(String endpoint) {
    return new LakehouseProperties(
        catalogName,
        catalogUri,
        catalogUser,
        catalogPassword,
        warehouse,
        endpoint,
        region,
        accessKey,
        secretKey,
        rawBucket,
        modelsBucket);
  }

  @Override
  public String toString() {
    return "LakehouseProperties[catalogName="
        + catalogName
        + ", catalogUri="
        + redactUri(catalogUri)
        + ", catalogUser="
        + catalogUser
        + ", catalogPassword="
        + (catalogPassword == null ? "null" : "****")
        + ", warehouse="
        + warehouse
        + ", s3Endpoint="
        + s3Endpoint
        + ", region="
        + region
        + ", accessKey=****, secretKey=****, rawBucket="
        + rawBucket
        + ", modelsBucket="
        + modelsBucket
        + "]";
  }

  private static CatalogKind catalogKindOf(String uri) {
    String lower = uri.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:sqlite:") && uri.length() > "jdbc:sqlite:".length()) {
      return CatalogKind.SQLITE;
    }
    if (lower.startsWith("jdbc:postgresql:")) {
      return CatalogKind.POSTGRESQL;
    }
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      requireHttpUrl(ENV_CATALOG_URI, uri);
      return CatalogKind.REST;
    }
    throw invalid(
        ENV_CATALOG_URI,
        redactUri(uri),
        "jdbc:sqlite:<file>, jdbc:postgresql://host:port/database or http(s)://host:port/...");
  }

  private static String bucketOf(String s3Location) {
    String rest = s3Location.substring("s3://".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  private static void requireBucket(String variable, String bucket) {
    if (!BUCKET.matcher(bucket).matches()) {
      throw invalid(
          variable,
          bucket,
          "an S3 bucket name: 3-63 lower-case letters, digits, dots or hyphens,"
              + " starting and ending with a letter or digit");
    }
  }

  private static void requireHttpUrl(String variable, String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      if (uri.getHost() == null
          || scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
        throw invalid(variable, redactUri(url), "an http(s)://host[:port] URL");
      }
    } catch (URISyntaxException e) {
      throw invalid(variable, redactUri(url), "an http(s)://host[:port] URL");
    }
  }

  /** Drops a {@code password=...} query parameter or {@code user:password@} part from a URI. */
  private static String redactUri(String uri) {
    return uri.replaceAll("(?i)(password=)[^&;]*", "$1****")
        .replaceAll("//([^/@:]+):[^/@]*@", "//$1:****@");
  }

  private static void require(String variable, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(variable + " must not be empty");
    }
  }

  private static IllegalArgumentException invalid(String variable, String value, String allowed) {
    return new IllegalArgumentException(variable + " is '" + value + "' but must be " + allowed);
  }

  private static String value(Map<String, String> env, String name) {
    return blankToNull(env.get(name));
  }

  private static String valueOr(Map<String, String> env, String name, String defaultValue) {
    String v = value(env, name);
    return v == null ? defaultValue : v;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
