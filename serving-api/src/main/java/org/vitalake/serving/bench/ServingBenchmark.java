package org.vitalake.serving.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./vitalake bench serve}: load on the serving API over loopback with many users' real
 * tokens, and the freshness of today's summary after ingest acknowledges a point.
 *
 * <p>Users are created through identity ({@code POST /users/external} with the CLI's service token,
 * then {@code POST /login}) and each syncs a few steps through ingest-api, so every plan and
 * summary request reads real per-user state. Then, one after the other, {@code GET /health} (the
 * service's ceiling), {@code GET /coaching/plan/me} and {@code GET /summaries/today} are driven by
 * closed-loop connections for a fixed time (the maximum throughput), then plans and summaries at a
 * fixed offered rate ({@code --rate}, the latency clients see at that rate, see {@link LoadPhase});
 * last, single points are synced and today's summary is polled until each shows, while the other
 * users sync in the background at {@code --ingest-rate} points per second.
 */
public final class ServingBenchmark {

  private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern STEPS = Pattern.compile("\"steps\"\\s*:\\s*(\\d+)");

  /** Half of the ingest benchmark's recorded rate (30,043 points/s, docs/benchmarks.md). */
  static final double HALF_INGEST_BENCHMARK_RATE = 15_000;

  /** The endpoints a run can load, by the names {@code --endpoints} takes. */
  static final Set<String> ENDPOINTS = Set.of("health", "plan", "summary");

  private final Options options;
  private final HttpClient http = HttpClient.newHttpClient();

  private ServingBenchmark(Options options) {
    this.options = options;
  }

  /** Command-line options. */
  record Options(
      URI servingUrl,
      URI identityUrl,
      URI ingestUrl,
      int users,
      int connections,
      Duration duration,
      Duration warmup,
      double rate,
      Set<String> endpoints,
      int freshnessSamples,
      double ingestRate) {

    static Options parse(String[] args) {
      URI serving = URI.create(env("VITALAKE_SERVING_URL", "http://127.0.0.1:8083"));
      URI identity = URI.create(env("VITALAKE_IDENTITY_URL", "http://127.0.0.1:8081"));
      URI ingest = URI.create(env("VITALAKE_INGEST_URL", "http://127.0.0.1:8082"));
      int users = 50;
      int connections = 32;
      Duration duration = Duration.ofSeconds(15);
      Duration warmup = Duration.ofSeconds(5);
      double rate = 5000;
      Set<String> endpoints = ENDPOINTS;
      int freshness = 30;
      double ingestRate = HALF_INGEST_BENCHMARK_RATE;
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--serving-url" -> serving = URI.create(require(args[i], value));
          case "--identity-url" -> identity = URI.create(require(args[i], value));
          case "--ingest-url" -> ingest = URI.create(require(args[i], value));
          case "--users" -> users = positive(args[i], value);
          case "--connections" -> connections = positive(args[i], value);
          case "--duration" -> duration = Duration.ofSeconds(positive(args[i], value));
          case "--warmup" -> warmup = Duration.ofSeconds(positive(args[i], value));
          case "--rate" -> rate = nonNegative(args[i], value);
          case "--endpoints" -> endpoints = endpoints(require(args[i], value));
          case "--freshness" -> freshness = Integer.parseInt(require(args[i], value));
          case "--ingest-rate" -> ingestRate = nonNegative(args[i], value);
          case "--help", "-h" -> {
            System.out.println(
                "usage: ./vitalake bench serve [--users 50] [--connections 32] [--duration 15]"
                    + " [--warmup 5] [--rate 5000] [--endpoints health,plan,summary]"
                    + " [--freshness 30] [--ingest-rate 15000]"
                    + " [--serving-url URL] [--identity-url URL] [--ingest-url URL]");
            System.exit(0);
          }
          default ->
              throw new IllegalArgumentException(
                  "unknown option " + args[i] + "; see ./vitalake bench serve --help");
        }
        i++;
      }
      return new Options(
          serving,
          identity,
          ingest,
          users,
          connections,
          duration,
          warmup,
          rate,
          endpoints,
          freshness,
          ingestRate);
    }

    private static String env(String name, String fallback) {
      String v = System.getenv(name);
      return v == null || v.isBlank() ? fallback : v;
    }

    private static String require(String option, String value) {
      if (value == null) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return value;
    }

    private static Set<String> endpoints(String list) {
      Set<String> chosen = new LinkedHashSet<>();
      for (String name : list.split(",")) {
        String trimmed = name.trim();
        if (!ENDPOINTS.contains(trimmed)) {
          throw new IllegalArgumentException(
              "--endpoints: unknown endpoint '" + trimmed + "'; choose from " + ENDPOINTS);
        }
        chosen.add(trimmed);
      }
      return chosen;
    }

    private static double nonNegative(String option, String value) {
      double n = Double.parseDouble(require(option, value));
      if (!(n >= 0)) {
        throw new IllegalArgumentException(option + " must not be negative, got " + value);
      }
      return n;
    }

    private static int positive(String option, String value) {
      int n = Integer.parseInt(require(option, value));
      if (n < 1) {
        throw new IllegalArgumentException(option + " must be at least 1, got " + n);
      }
      return n;
    }
  }

  public static void main(String[] args) {
    int code = 0;
    try {
      new ServingBenchmark(Options.parse(args)).run();
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("bench serve: " + e.getMessage());
      code = 2;
    } catch (Exception e) {
      System.err.println("bench serve failed: " + e);
      code = 1;
    }
    System.exit(code);
  }

  private void run() throws Exception {
    printMachine();
    System.out.printf(
        Locale.ROOT,
        "serving-api %s, %d users, %d connections, %d s per phase after %d s warm-up%n",
        options.servingUrl(),
        options.users(),
        options.connections(),
        options.duration().toSeconds(),
        options.warmup().toSeconds());
    String service = serviceToken();
    List<User> users = createUsers(service);
    for (User user : users) {
      sync(user, 500 + (user.index() % 7) * 100);
    }
    awaitVisible(users.get(users.size() - 1), 1);
    System.out.println("users created and synced; today's summaries visible");

    LoadPhase closedLoop = new LoadPhase(options.servingUrl(), options.connections(), 0);
    List<LoadPhase.Result> results = new ArrayList<>();
    Set<String> endpoints = options.endpoints();
    if (endpoints.contains("health")) {
      results.add(load(closedLoop, "GET /health", users, u -> "/health", false));
    }
    List<LoadPhase> phases = new ArrayList<>(List.of(closedLoop));
    if (options.rate() > 0) {
      phases.add(new LoadPhase(options.servingUrl(), options.connections(), options.rate()));
    }
    for (LoadPhase phase : phases) {
      if (endpoints.contains("plan")) {
        results.add(load(phase, "GET /coaching/plan/me", users, u -> "/coaching/plan/me", true));
      }
      if (endpoints.contains("summary")) {
        results.add(load(phase, "GET /summaries/today", users, u -> "/summaries/today", true));
      }
    }
    System.out.println();
    System.out.println(
        "| endpoint | offered load | requests/s | p50 ms | p99 ms | max ms | errors |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|");
    for (LoadPhase.Result r : results) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %,.0f | %.2f | %.2f | %.1f | %d |%n",
          r.name(),
          r.targetRate() == 0
              ? "closed loop, " + options.connections() + " connections"
              : String.format(Locale.ROOT, "%,.0f req/s", r.targetRate()),
          r.rate(),
          r.p50Ms(),
          r.p99Ms(),
          r.maxMs(),
          r.errors());
    }
    if (options.freshnessSamples() > 0) {
      freshness(users);
    }
  }

  record User(int index, String id, String token) {}

  private LoadPhase.Result load(
      LoadPhase phase, String name, List<User> users, Function<User, String> path, boolean auth)
      throws InterruptedException {
    Function<User, String> token = auth ? User::token : u -> null;
    phase.run(name, users, path, token, options.warmup());
    LoadPhase.Result result = phase.run(name, users, path, token, options.duration());
    System.out.printf(
        Locale.ROOT,
        "%-24s %-12s %,10.0f req/s  p50 %.2f ms  p99 %.2f ms%n",
        name,
        result.targetRate() == 0 ? "closed loop" : "fixed rate",
        result.rate(),
        result.p50Ms(),
        result.p99Ms());
    return result;
  }

  /**
   * Ack-to-visible: sync one point, then poll today's summary until the total includes it; while
   * the other users sync in the background at {@code --ingest-rate} points per second.
   */
  private void freshness(List<User> users) throws Exception {
    User probe = users.get(0);
    List<IngestLoad.Writer> writers = new ArrayList<>();
    for (User user : users.subList(1, users.size())) {
      writers.add(new IngestLoad.Writer(user.id(), user.token()));
    }
    IngestLoad background =
        options.ingestRate() > 0 && !writers.isEmpty()
            ? new IngestLoad(options.ingestUrl(), writers, options.ingestRate())
            : null;
    long[] millis = new long[options.freshnessSamples()];
    try (RawHttpConnection connection = new RawHttpConnection(options.servingUrl())) {
      if (background != null) {
        background.start();
        // let the load reach its rate before the first probe
        Thread.sleep(options.warmup().toMillis());
      }
      long steps = steps(connection, probe);
      for (int i = 0; i < millis.length; i++) {
        int add = 10 + i;
        sync(probe, add);
        long acked = System.nanoTime();
        long deadline = acked + Duration.ofSeconds(30).toNanos();
        while (steps(connection, probe) < steps + add) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "a synced point did not show in /summaries/today within 30 s");
          }
          Thread.sleep(5);
        }
        millis[i] = (System.nanoTime() - acked) / 1_000_000;
        steps += add;
        // probes spread over the load instead of back to back
        Thread.sleep(200);
      }
    } finally {
      if (background != null) {
        background.close();
      }
    }
    Arrays.sort(millis);
    String load =
        background == null
            ? "ingest otherwise idle"
            : String.format(
                Locale.ROOT,
                "background ingest offered %,.0f points/s by %d users, acknowledged %,.0f points/s,"
                    + " %d requests failed",
                options.ingestRate(),
                writers.size(),
                background.achievedRate(),
                background.failedRequests());
    System.out.printf(
        Locale.ROOT,
        "%nfreshness (ingest 202 to visible in /summaries/today, %d points; %s):"
            + " p50 %d ms, p95 %d ms, max %d ms%n",
        millis.length,
        load,
        millis[(int) Math.ceil(0.50 * millis.length) - 1],
        millis[(int) Math.ceil(0.95 * millis.length) - 1],
        millis[millis.length - 1]);
  }

  private long steps(RawHttpConnection connection, User user) throws IOException {
    RawHttpConnection.Response r = connection.get("/summaries/today", user.token());
    Matcher m = STEPS.matcher(new String(r.body(), StandardCharsets.UTF_8));
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private void awaitVisible(User user, long atLeast) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (RawHttpConnection connection = new RawHttpConnection(options.servingUrl())) {
      while (steps(connection, user) < atLeast) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "synced steps did not show in serving-api's /summaries/today within 60 s");
        }
        Thread.sleep(50);
      }
    }
  }

  private String serviceToken() throws IOException, InterruptedException {
    String secret = System.getenv("VITALAKE_SERVICE_TOKEN_SECRET");
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException(
          "VITALAKE_SERVICE_TOKEN_SECRET is not set (./vitalake sets it from .vitalake/credentials.env)");
    }
    String form =
        "grant_type=client_credentials&client_id=vitalake-cli&client_secret="
            + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(options.identityUrl().resolve("/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return match(TOKEN, r, "identity did not issue a service token");
  }

  private List<User> createUsers(String serviceToken) throws IOException, InterruptedException {
    List<User> users = new ArrayList<>();
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    String password = "Bench-" + HexFormat.of().formatHex(random);
    String run = Long.toString(Instant.now().getEpochSecond(), 36);
    for (int i = 0; i < options.users(); i++) {
      String externalId = "serve-" + run + "-" + i;
      String body =
          "{\"system\":\"bench\",\"externalId\":\""
              + externalId
              + "\",\"password\":\""
              + password
              + "\",\"timeZone\":\"UTC\"}";
      HttpResponse<String> created =
          http.send(
              HttpRequest.newBuilder(options.identityUrl().resolve("/users/external"))
                  .header("Authorization", "Bearer " + serviceToken)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String id = match(ID, created, "identity did not create user " + externalId);
      String login =
          "{\"email\":\"bench."
              + externalId.toLowerCase(Locale.ROOT)
              + "@participants.vitalake.invalid\",\"password\":\""
              + password
              + "\"}";
      HttpResponse<String> token =
          http.send(
              HttpRequest.newBuilder(options.identityUrl().resolve("/login"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(login))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      users.add(
          new User(i, id, match(TOKEN, token, "identity refused the login of " + externalId)));
    }
    return users;
  }

  private void sync(User user, int steps) throws IOException, InterruptedException {
    Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String body =
        "{\"userId\":\""
            + user.id()
            + "\",\"source\":\"bench\",\"deviceType\":\"phone\",\"dataPoints\":[{\"type\":\"steps\",\"value\":"
            + steps
            + ",\"timestamp\":\""
            + end.minusSeconds(60)
            + "\",\"endTimestamp\":\""
            + end
            + "\",\"zoneOffset\":\"+00:00\"}]}";
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(options.ingestUrl().resolve("/sync"))
                .header("Authorization", "Bearer " + user.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 202) {
      throw new IllegalStateException(
          "ingest refused a sync: HTTP " + r.statusCode() + " " + r.body());
    }
  }

  private static String match(Pattern pattern, HttpResponse<String> response, String what) {
    Matcher m = pattern.matcher(response.body());
    if (response.statusCode() / 100 != 2 || !m.find()) {
      throw new IllegalStateException(
          what + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return m.group(1);
  }

  private static void printMachine() {
    Runtime rt = Runtime.getRuntime();
    long physical = -1;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      physical = os.getTotalMemorySize();
    }
    String cpu = "unknown CPU";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .findFirst()
              .orElse(cpu);
    } catch (IOException | RuntimeException e) {
      // not Linux: the core count is still printed
    }
    System.out.printf(
        Locale.ROOT,
        "machine: %s, %d cores, %.1f GiB RAM, %s %s, %s %s%n",
        cpu,
        rt.availableProcessors(),
        physical / (1024.0 * 1024 * 1024),
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"));
  }
}
