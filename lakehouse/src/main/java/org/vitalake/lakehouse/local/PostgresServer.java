package org.vitalake.lakehouse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server started from the locally installed binaries ({@code initdb}, {@code
 * pg_ctl}), so tests and the local stack exercise the production database without Docker.
 *
 * <p>PostgreSQL refuses to run as root; when the JVM runs as root the server runs as the {@code
 * postgres} system user through {@code runuser}.
 */
public final class PostgresServer implements AutoCloseable {

  private static final String SUPERUSER = "vitalake";
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private final Path dataDir;
  private final Path binDir;
  private final int port;
  private final boolean asPostgresUser;
  private final Thread shutdownHook;

  private PostgresServer(Path dataDir, Path binDir, int port, boolean asPostgresUser) {
    this.dataDir = dataDir;
    this.binDir = binDir;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
    this.shutdownHook = new Thread(this::stopQuietly, "postgres-server-stop");
  }

  /** Initialises a new cluster in a temporary directory and starts it on a free loopback port. */
  public static PostgresServer start() {
    Path binDir =
        findBinDir()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "PostgreSQL binaries (initdb, pg_ctl) not found: install the postgresql"
                            + " package or set VITALAKE_PG_BIN to their directory"));
    try {
      boolean root = "root".equals(System.getProperty("user.name"));
      Path dataDir = Files.createTempDirectory("vitalake-pg-");
      if (root) {
        UserPrincipal postgres =
            dataDir
                .getFileSystem()
                .getUserPrincipalLookupService()
                .lookupPrincipalByName("postgres");
        Files.setOwner(dataDir, postgres);
      }
      PostgresServer server = new PostgresServer(dataDir, binDir, freePort(), root);
      server.initAndStart();
      Runtime.getRuntime().addShutdownHook(server.shutdownHook);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare a PostgreSQL data directory", e);
    }
  }

  /** The JDBC URL of a database on this server, created if absent. */
  public String createDatabase(String name) {
    if (!DATABASE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "database name '" + name + "' must match " + DATABASE_NAME.pattern());
    }
    try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
        Statement statement = connection.createStatement()) {
      var exists =
          statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
      if (!exists.next()) {
        statement.execute("CREATE DATABASE " + name);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not create database " + name + ": " + e.getMessage(), e);
    }
    return jdbcUrl(name);
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public String user() {
    return SUPERUSER;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    stopQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or has run; nothing left to remove.
    }
  }

  private void initAndStart() {
    run(
        List.of(
            binDir.resolve("initdb").toString(),
            "-D",
            dataDir.toString(),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--no-sync"),
        120);
    run(
        List.of(
            binDir.resolve("pg_ctl").toString(),
            "-D",
            dataDir.toString(),
            "-l",
            dataDir.resolve("server.log").toString(),
            "-o",
            "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1 -c fsync=off",
            "-w",
            "start"),
        120);
  }

  private void stopQuietly() {
    if (!Files.exists(dataDir.resolve("postmaster.pid"))) {
      return;
    }
    try {
      run(
          List.of(
              binDir.resolve("pg_ctl").toString(),
              "-D",
              dataDir.toString(),
              "-m",
              "fast",
              "-w",
              "stop"),
          60);
    } catch (RuntimeException e) {
      System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
    }
    deleteRecursively(dataDir);
  }

  private void run(List<String> command, int timeoutSeconds) {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    try {
      Process process =
          new ProcessBuilder(full)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.PIPE)
              .start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " timed out");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command)
                + " failed with exit code "
                + process.exitValue()
                + ":\n"
                + new String(output, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
  }

  private static Optional<Path> findBinDir() {
    String configured = System.getenv("VITALAKE_PG_BIN");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured));
    }
    Path versions = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(versions)) {
      try (Stream<Path> dirs = Files.list(versions)) {
        Optional<Path> newest =
            dirs.map(dir -> dir.resolve("bin"))
                .filter(bin -> Files.isExecutable(bin.resolve("pg_ctl")))
                .max(Comparator.comparing(Path::toString));
        if (newest.isPresent()) {
          return newest;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Stream.of("/usr/local/bin", "/usr/bin")
        .map(Path::of)
        .filter(dir -> Files.isExecutable(dir.resolve("pg_ctl")))
        .findFirst();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) {
    try {
      FileTrees.delete(dir, false);
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e.getMessage());
    }
  }
}
