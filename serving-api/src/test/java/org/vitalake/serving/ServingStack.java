package org.vitalake.serving;

import static org.awaitility.Awaitility.await;

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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.vitalake.lakehouse.LakehouseProperties;
import org.vitalake.lakehouse.local.LocalLakehouse;
import org.vitalake.serving.bench.ServingClient;

/**
 * The real service on a random port over a throwaway lakehouse (s3proxy + SQLite catalog) with a
 * real JWKS endpoint; {@link #restartService()} stops and starts the application on the same state.
 */
public final class ServingStack implements AutoCloseable {

  private static final ObjectMapper JSON = ObjectMapper.getDefault();

  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

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
    AtomicReference<Map<String, Object>> last = new AtomicReference<>();
    try {
      return await()
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(POLL_INTERVAL)
          .until(
              () -> {
                ServingClient.Response response = client.get(path, token);
                if (response.ok()) {
                  last.set(json(response.body()));
                }
                return last.get();
              },
              body -> body != null && done.test(body));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "GET "
              + path
              + " did not reach the expected state within "
              + timeout
              + "; last: "
              + last.get(),
          e);
    }
  }

  /** Waits until today's totals are rebuilt from bronze and every lakehouse view is loaded. */
  public void awaitRealtimeReady() {
    AtomicReference<String> last = new AtomicReference<>();
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollDelay(Duration.ZERO)
          .pollInterval(POLL_INTERVAL)
          .until(
              () -> {
                ServingClient.Response health = client.get("/health", null);
                last.set(health.body());
                return health.ok() && realtimeReady(health.body());
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "the near-real-time view did not become ready; last health: " + last.get(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private boolean realtimeReady(String healthBody) {
    Map<String, Object> details =
        (Map<String, Object>)
            ((Map<String, Object>) json(healthBody).get("details")).get("realtime");
    Map<String, Object> realtime = (Map<String, Object>) details.get("details");
    Map<String, Object> views = (Map<String, Object>) realtime.get("views");
    return Boolean.TRUE.equals(realtime.get("ready"))
        && views.values().stream().noneMatch("not loaded"::equals);
  }

  private void startService() {
    ApplicationContext context = ApplicationContext.run(properties, "test");
    server = context.getBean(EmbeddedServer.class).start();
    client = new ServingClient(URI.create("http://127.0.0.1:" + server.getPort()));
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
