package org.vitalake.serving;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.vitalake.lakehouse.LakehouseProperties;
import org.vitalake.lakehouse.local.LocalLakehouse;
import org.vitalake.serving.bench.ServingClient;

/**
 * The real service on a random port over a throwaway lakehouse (s3proxy + SQLite catalog) with a
 * real JWKS endpoint; {@link #restartService()} stops and starts the application on the same state.
 */
public final class ServingStack implements AutoCloseable {

  private static final ObjectMapper JSON = ObjectMapper.getDefault();

  private final LocalLakehouse lake;
  private final JwksFixture jwks;
  private final Path home;
  private final Map<String, Object> properties;
  private EmbeddedServer server;
  private ServingClient client;

  private ServingStack(
      LocalLakehouse lake, JwksFixture jwks, Path home, Map<String, Object> extra) {
    this.lake = lake;
    this.jwks = jwks;
    this.home = home;
    LakehouseProperties p = lake.properties();
    Map<String, Object> props = new HashMap<>();
    props.put("micronaut.server.port", -1);
    props.put("micronaut.security.token.jwt.signatures.jwks.identity.url", jwks.jwksUrl());
    props.put("vitalake.home", home.toString());
    props.put("vitalake.catalog.name", p.catalogName());
    props.put("vitalake.catalog.uri", p.catalogUri());
    props.put("vitalake.warehouse", p.warehouse());
    props.put("vitalake.s3.endpoint", p.s3Endpoint());
    props.put("vitalake.s3.region", p.region());
    props.put("vitalake.s3.access.key", p.accessKey());
    props.put("vitalake.s3.secret.key", p.secretKey());
    props.put("vitalake.raw.bucket", p.rawBucket());
    props.put("vitalake.serving.realtime.poll-interval", "200ms");
    props.put("vitalake.serving.realtime.gold-refresh-interval", "300ms");
    props.putAll(extra);
    this.properties = Map.copyOf(props);
  }

  public static ServingStack start() {
    return start(Map.of());
  }

  /** Starts the stack with extra configuration properties. */
  public static ServingStack start(Map<String, Object> extra) {
    LocalLakehouse lake = LocalLakehouse.start();
    JwksFixture jwks = JwksFixture.start();
    try {
      ServingStack stack =
          new ServingStack(lake, jwks, Files.createTempDirectory("vitalake-serving-"), extra);
      stack.startService();
      return stack;
    } catch (IOException | RuntimeException e) {
      jwks.close();
      lake.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  public LocalLakehouse lake() {
    return lake;
  }

  public JwksFixture jwks() {
    return jwks;
  }

  public ServingClient client() {
    return client;
  }

  public Path home() {
    return home;
  }

  /** Stops the application and starts a new one on the same lakehouse and state folder. */
  public void restartService() {
    server.getApplicationContext().close();
    startService();
  }

  /** An offset at which it is about noon now, so "today" cannot flip while a test runs. */
  public static int noonOffsetSeconds(java.time.Instant now) {
    long secondOfDay = now.getEpochSecond() % 86_400;
    long offset = 12 * 3600 - secondOfDay;
    if (offset > 12 * 3600) {
      offset -= 86_400;
    }
    if (offset < -12 * 3600) {
      offset += 86_400;
    }
    return (int) (offset / 900 * 900);
  }

  /** Parses a JSON object body. */
  public static Map<String, Object> json(String body) {
    try {
      return JSON.readValue(body, Argument.mapOf(String.class, Object.class));
    } catch (IOException e) {
      throw new UncheckedIOException("not a JSON object: " + body, e);
    }
  }

  /**
   * Polls {@code path} with {@code token} until the JSON body satisfies {@code done}, giving up
   * after {@code timeout}; returns the last body.
   */
  public Map<String, Object> awaitJson(
      String path, String token, Predicate<Map<String, Object>> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Object> last = null;
    while (System.nanoTime() < deadline) {
      ServingClient.Response response = client.get(path, token);
      if (response.ok()) {
        last = json(response.body());
        if (done.test(last)) {
          return last;
        }
      }
      sleep(100);
    }
    throw new AssertionError(
        "GET " + path + " did not reach the expected state within " + timeout + "; last: " + last);
  }

  /** Waits until today's totals are rebuilt from bronze and every lakehouse view is loaded. */
  @SuppressWarnings("unchecked")
  public void awaitRealtimeReady() {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String last = null;
    while (System.nanoTime() < deadline) {
      ServingClient.Response health = client.get("/health", null);
      last = health.body();
      if (health.ok()) {
        Map<String, Object> details =
            (Map<String, Object>)
                ((Map<String, Object>) json(health.body()).get("details")).get("realtime");
        Map<String, Object> realtime = (Map<String, Object>) details.get("details");
        Map<String, Object> views = (Map<String, Object>) realtime.get("views");
        if (Boolean.TRUE.equals(realtime.get("ready"))
            && views.values().stream().noneMatch("not loaded"::equals)) {
          return;
        }
      }
      sleep(100);
    }
    throw new AssertionError("the near-real-time view did not become ready; last health: " + last);
  }

  private void startService() {
    ApplicationContext context = ApplicationContext.run(properties, "test");
    server = context.getBean(EmbeddedServer.class).start();
    client = new ServingClient(URI.create("http://127.0.0.1:" + server.getPort()));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      if (server != null) {
        server.getApplicationContext().close();
      }
    } finally {
      jwks.close();
      lake.close();
      deleteQuietly(home);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp folder is harmless
    }
  }
}
