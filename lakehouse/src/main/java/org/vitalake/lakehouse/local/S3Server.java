package org.vitalake.lakehouse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * An S3 API server (s3proxy) over a local folder, run as a child process: the object storage of the
 * local stack and of the integration tests.
 *
 * <p>Objects are plain files under {@code <dataDir>/<bucket>/<key>}, so state survives a restart.
 * The child is stopped by {@link #close()} and, should the JVM exit first, by a shutdown hook (an
 * s3proxy left running would hold the port and keep the folder open).
 */
public final class S3Server implements AutoCloseable {

  /** System property naming the standalone s3proxy jar. */
  public static final String JAR_PROPERTY = "vitalake.s3proxy.jar";

  /** Environment variable naming the standalone s3proxy jar. */
  public static final String JAR_ENV = "VITALAKE_S3PROXY_JAR";

  static final String S3PROXY_VERSION = "4.1.0";

  private final Path dataDir;
  private final String host;
  private final int port;
  private final String accessKey;
  private final String secretKey;
  private final Path logFile;
  private final Process process;
  private final Thread shutdownHook;

  private S3Server(Builder b, int port, Process process, Thread shutdownHook) {
    this.dataDir = b.dataDir;
    this.host = b.host;
    this.port = port;
    this.accessKey = b.accessKey;
    this.secretKey = b.secretKey;
    this.logFile = b.logFile;
    this.process = process;
    this.shutdownHook = shutdownHook;
  }

  /** Starts configuring a server. */
  public static Builder builder() {
    return new Builder();
  }

  /** The endpoint clients use, {@code http://<host>:<port>}. */
  public String endpoint() {
    return "http://" + host + ":" + port;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path logFile() {
    return logFile;
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  /** Process id of the s3proxy child. */
  public long pid() {
    return process.pid();
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  /** Stops the child process and waits until it has exited. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down; the hook stops the process
    }
    stop(process);
  }

  @Override
  public String toString() {
    return "S3Server[" + endpoint() + ", dataDir=" + dataDir + ", pid=" + process.pid() + "]";
  }

  /**
   * Finds the standalone s3proxy jar: system property {@value #JAR_PROPERTY}, else environment
   * variable {@value #JAR_ENV}, else {@code lakehouse/target/s3proxy/s3proxy.jar} of the checkout
   * around the working directory, else the jar in the local Maven repository.
   *
   * @throws IllegalStateException listing the places looked at when none holds the jar
   */
  public static Path findJar() {
    List<Path> candidates = new ArrayList<>();
    Optional.ofNullable(System.getProperty(JAR_PROPERTY))
        .filter(s -> !s.isBlank())
        .map(Path::of)
        .ifPresent(candidates::add);
    Optional.ofNullable(System.getenv(JAR_ENV))
        .filter(s -> !s.isBlank())
        .map(Path::of)
        .ifPresent(candidates::add);
    RepositoryRoot.find(Path.of(System.getProperty("user.dir")))
        .map(root -> root.resolve("lakehouse/target/s3proxy/s3proxy.jar"))
        .ifPresent(candidates::add);
    candidates.add(
        Path.of(
            System.getProperty("user.home"),
            ".m2/repository/org/gaul/s3proxy",
            S3PROXY_VERSION,
            "s3proxy-" + S3PROXY_VERSION + "-jar-with-dependencies.jar"));
    return candidates.stream()
        .filter(Files::isRegularFile)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "s3proxy jar not found; looked at "
                        + candidates
                        + ". Build the lakehouse module (mvn -o -q -pl lakehouse"
                        + " generate-test-resources) or set "
                        + JAR_ENV
                        + " to the s3proxy-"
                        + S3PROXY_VERSION
                        + "-jar-with-dependencies.jar"));
  }

  /** Configures and starts an {@link S3Server}. */
  public static final class Builder {
    private Path dataDir;
    private String host = "127.0.0.1";
    private int port;
    private String accessKey;
    private String secretKey;
    private Path logFile;
    private Path jar;
    private Duration startTimeout = Duration.ofSeconds(60);
    private String logLevel = "warn";
    private List<String> jvmOptions =
        List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private Builder() {}

    /** Folder holding the buckets (created when missing). */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /** Address to listen on; default 127.0.0.1. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** Port to listen on; 0 (the default) picks a free port. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port is " + port + " but must be 0-65535");
      }
      this.port = port;
      return this;
    }

    /** The only access key and secret key the server accepts. */
    public Builder credentials(String accessKey, String secretKey) {
      this.accessKey = accessKey;
      this.secretKey = secretKey;
      return this;
    }

    /** Where the child's output goes; default {@code <dataDir>.log} beside the folder. */
    public Builder logFile(Path logFile) {
      this.logFile = logFile;
      return this;
    }

    /** The s3proxy jar; default {@link #findJar()}. */
    public Builder jar(Path jar) {
      this.jar = jar;
      return this;
    }

    /** How long to wait for the server to answer; default 60 s. */
    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = startTimeout;
      return this;
    }

    /** s3proxy log level (error, warn, info, debug); default warn. */
    public Builder logLevel(String logLevel) {
      this.logLevel = logLevel;
      return this;
    }

    /** JVM options of the child; default a small heap and quick startup. */
    public Builder jvmOptions(List<String> jvmOptions) {
      this.jvmOptions = List.copyOf(jvmOptions);
      return this;
    }

    /**
     * Starts the child process and waits until it answers HTTP requests.
     *
     * @throws IllegalStateException when the port is taken, the jar is missing, or the server exits
     *     or does not answer in time (with the end of its log)
     */
    public S3Server start() {
      Objects.requireNonNull(dataDir, "dataDir");
      if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
        throw new IllegalArgumentException("S3Server needs an access key and a secret key");
      }
      dataDir = dataDir.toAbsolutePath().normalize();
      if (logFile == null) {
        logFile = dataDir.resolveSibling(dataDir.getFileName() + ".log");
      }
      Path jarFile = jar != null ? jar : findJar();
      if (!Files.isRegularFile(jarFile)) {
        throw new IllegalStateException("s3proxy jar " + jarFile + " does not exist");
      }
      int chosenPort = port == 0 ? freePort(host) : requireFree(host, port);
      Path config = null;
      try {
        Files.createDirectories(dataDir);
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        config = writeConfig(chosenPort);
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jarFile.toString(), "--properties", config.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("LOG_LEVEL", logLevel);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Process process = pb.start();
        Thread hook = new Thread(() -> stop(process), "s3proxy-stop-" + chosenPort);
        Runtime.getRuntime().addShutdownHook(hook);
        S3Server server = new S3Server(this, chosenPort, process, hook);
        try {
          awaitReady(server);
        } catch (RuntimeException e) {
          server.close();
          throw e;
        }
        return server;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start s3proxy over " + dataDir, e);
      } finally {
        deleteQuietly(config);
      }
    }

    private Path writeConfig(int chosenPort) throws IOException {
      Map<String, String> settings = new LinkedHashMap<>();
      settings.put("s3proxy.endpoint", "http://" + host + ":" + chosenPort);
      settings.put("s3proxy.authorization", "aws-v2-or-v4");
      settings.put("s3proxy.identity", accessKey);
      settings.put("s3proxy.credential", secretKey);
      settings.put("jclouds.provider", "filesystem-nio2");
      settings.put("jclouds.filesystem.basedir", dataDir.toString());
      Properties properties = new Properties();
      properties.putAll(settings);
      // holds the secret key: readable by the owner only, deleted once the server has read it
      Path config =
          Files.createTempFile(
              "s3proxy-",
              ".properties",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
        properties.store(out, null);
      }
      return config;
    }

    private void awaitReady(S3Server server) {
      long deadline = System.nanoTime() + startTimeout.toNanos();
      URI probe = URI.create(server.endpoint() + "/");
      while (true) {
        if (!server.process.isAlive()) {
          throw new IllegalStateException(
              "s3proxy exited with code "
                  + server.process.exitValue()
                  + " while starting on "
                  + server.endpoint()
                  + "; end of "
                  + logFile
                  + ":\n"
                  + tail(logFile));
        }
        if (answers(probe)) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "s3proxy did not answer on "
                  + server.endpoint()
                  + " within "
                  + startTimeout.toSeconds()
                  + " s; end of "
                  + logFile
                  + ":\n"
                  + tail(logFile));
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for s3proxy", e);
        }
      }
    }
  }

  private static boolean answers(URI uri) {
    try {
      HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(2000);
      try {
        return c.getResponseCode() > 0;
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  private static void stop(Process process) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on " + host, e);
    }
  }

  private static int requireFree(String host, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new java.net.InetSocketAddress(InetAddress.getByName(host), port), 1);
      return port;
    } catch (IOException e) {
      throw new IllegalStateException(
          "port "
              + port
              + " on "
              + host
              + " is already in use: stop what listens there or choose another port",
          e);
    }
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException | RuntimeException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a temp file left behind is harmless
    }
  }
}
