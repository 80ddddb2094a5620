package org.vitalake.lakehouse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseProperties;

/**
 * A complete throwaway lakehouse for tests of any module: an {@link S3Server} with random
 * credentials over a temporary folder, an SQLite catalog file beside it, both buckets and every
 * table created.
 *
 * <p>Start one per test class (it takes a few seconds) and close it afterwards, which deletes the
 * folder. {@link #restart()} stops and restarts everything on the same folder to show that state
 * survives.
 */
public final class LocalLakehouse implements AutoCloseable {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static LocalLakehouse shared;

  private final Path root;
  private final boolean deleteOnClose;
  private final LakehouseProperties properties;
  private volatile boolean jvmWide;
  private S3Server s3Server;
  private Lakehouse lakehouse;

  private LocalLakehouse(Path root, boolean deleteOnClose) {
    this.root = root;
    this.deleteOnClose = deleteOnClose;
    String accessKey = "local-" + randomHex(8);
    String secretKey = randomHex(20);
    this.s3Server = startServer(root, 0, accessKey, secretKey);
    this.properties =
        LakehouseProperties.fromMap(
            Map.of(
                LakehouseProperties.ENV_HOME,
                root.toString(),
                LakehouseProperties.ENV_S3_ENDPOINT,
                s3Server.endpoint(),
                LakehouseProperties.ENV_S3_ACCESS_KEY,
                accessKey,
                LakehouseProperties.ENV_S3_SECRET_KEY,
                secretKey));
    this.lakehouse = openAndEnsure(properties);
  }

  /** Starts a lakehouse in a new temporary folder, deleted on {@link #close()}. */
  public static LocalLakehouse start() {
    try {
      return startIn(Files.createTempDirectory("vitalake-lakehouse-"), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder", e);
    }
  }

  /**
   * Starts a lakehouse over {@code root} ({@code root/s3} objects, {@code root/catalog.db}).
   *
   * @param deleteOnClose whether {@link #close()} deletes {@code root}
   */
  public static LocalLakehouse startIn(Path root, boolean deleteOnClose) {
    LocalLakehouse local = null;
    try {
      local = new LocalLakehouse(root.toAbsolutePath().normalize(), deleteOnClose);
      return local;
    } finally {
      if (local == null && deleteOnClose) {
        deleteRecursively(root);
      }
    }
  }

  /**
   * One lakehouse for the whole JVM, started on first use and stopped when the JVM exits, so the
   * integration tests of a module start the S3 server and create the tables once. {@link #close()}
   * on it does nothing; tests sharing it keep apart by using their own user ids.
   */
  public static synchronized LocalLakehouse shared() {
    if (shared == null) {
      LocalLakehouse local = start();
      local.jvmWide = true;
      Runtime.getRuntime().addShutdownHook(new Thread(local::stop, "local-lakehouse-stop"));
      shared = local;
    }
    return shared;
  }

  /** The properties other components use to reach this lakehouse (secrets included). */
  public LakehouseProperties properties() {
    return properties;
  }

  /** The open lakehouse; replaced by {@link #restart()}. */
  public Lakehouse lakehouse() {
    return lakehouse;
  }

  public S3Server s3Server() {
    return s3Server;
  }

  /** The folder holding objects ({@code s3/}), the catalog file and the server log. */
  public Path root() {
    return root;
  }

  /**
   * Closes the catalog, stops the S3 server, then starts both again on the same folder, port and
   * credentials; {@link #lakehouse()} returns the new instance.
   */
  public void restart() {
    lakehouse.close();
    s3Server.close();
    s3Server = startServer(root, s3Server.port(), properties.accessKey(), properties.secretKey());
    lakehouse = Lakehouse.open(properties);
  }

  /**
   * Closes the catalog, stops the S3 server and deletes a temporary folder; does nothing on the
   * {@link #shared()} instance.
   */
  @Override
  public void close() {
    if (!jvmWide) {
      stop();
    }
  }

  private void stop() {
    try {
      lakehouse.close();
    } finally {
      s3Server.close();
      if (deleteOnClose) {
        deleteRecursively(root);
      }
    }
  }

  private static S3Server startServer(Path root, int port, String accessKey, String secretKey) {
    return S3Server.builder()
        .dataDir(root.resolve("s3"))
        .logFile(root.resolve("s3proxy.log"))
        .port(port)
        .credentials(accessKey, secretKey)
        .start();
  }

  private Lakehouse openAndEnsure(LakehouseProperties props) {
    Lakehouse opened = Lakehouse.open(props);
    try {
      opened.ensureBuckets();
      opened.ensureTables();
      return opened;
    } catch (RuntimeException e) {
      opened.close();
      s3Server.close();
      throw e;
    }
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static void deleteRecursively(Path dir) {
    try {
      FileTrees.delete(dir, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
