package org.vitalake.ingest.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.vitalake.core.id.IngestId;
import org.vitalake.core.id.UserId;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.RecordedSample;
import org.vitalake.core.sample.Sample;
import org.vitalake.core.sample.SampleFactory;
import org.vitalake.lakehouse.BronzeRecords;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseProperties;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.StructRow;
import org.vitalake.lakehouse.TableAppender;
import org.vitalake.lakehouse.TableScanner;

/**
 * {@code ./vitalake bench ingest}: drives the running ingest API over HTTP with many concurrent
 * clients sending realistic sync batches, checks that bronze holds exactly the acknowledged points,
 * and measures in the same run the ceiling: the same points appended directly with the lakehouse
 * appender.
 *
 * <p>Options: {@code --url U} (default {@code http://127.0.0.1:$VITALAKE_INGEST_PORT}), {@code
 * --token T} (otherwise a service token from identity's client-credentials grant), {@code
 * --identity-url U}, {@code --clients N} (384), {@code --users N} (20), {@code --seconds N} (30),
 * {@code --warmup-seconds N} (60, the least), {@code --max-warmup-seconds N} (360, the most: the
 * warm-up goes on until the service's JIT has settled), {@code --min-batch N} (50), {@code
 * --max-batch N} (500), {@code --no-ceiling}.
 */
public final class IngestBenchmark {

  private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");
  private static final Pattern ACCESS_TOKEN =
      // identity answers {"token": ...}; OAuth servers elsewhere say access_token
      Pattern.compile("\"(?:access_)?token\"\\s*:\\s*\"([^\"]+)\"");

  /** Rows a ceiling commit holds when the service's commit size cannot be read. */
  private static final int DEFAULT_CEILING_COMMIT = 25_000;

  private IngestBenchmark() {}

  /** One prepared request: its JSON body and the samples the service will make of it. */
  private record Batch(UserId user, byte[] body, List<Sample> samples) {}

  public static void main(String[] args) throws Exception {
    int status;
    try {
      status = run(Options.parse(args));
    } catch (IllegalArgumentException e) {
      System.err.println("bench ingest: " + e.getMessage());
      status = 2;
    }
    // S3 and HTTP client threads would keep the JVM alive for a minute
    System.exit(status);
  }

  private static int run(Options options) throws Exception {
    printMachine();
    String token = options.token != null ? options.token : serviceToken(options.identityUrl);
    List<Batch> batches = prepare(options);
    long pointsPrepared = batches.stream().mapToLong(b -> b.samples().size()).sum();
    System.out.printf(
        Locale.ROOT,
        "prepared %d request bodies (%d points, %d-%d per request) for %d users%n",
        batches.size(),
        pointsPrepared,
        options.minBatch,
        options.maxBatch,
        options.users);

    LakehouseProperties properties = LakehouseProperties.fromEnvironment();
    try (Lakehouse lakehouse = Lakehouse.open(properties)) {
      TableScanner scanner = new TableScanner(lakehouse);
      TableIdentifier bronze = LakehouseTables.WEARABLE_SAMPLES.id();
      long rowsBefore = scanner.rowCount(bronze);

      IngestClient client = IngestClient.create(URI.create(options.url), options.clients);
      long warmupPoints;
      Phase measured;
      CommitStats commitsBefore;
      CommitStats commitsAfter;
      try {
        warmupPoints = warmUp(client, token, batches, options);
        commitsBefore = CommitStats.read(options.url);
        measured = drive(client, token, batches, options.clients, options.seconds);
        commitsAfter = CommitStats.read(options.url);
      } finally {
        client.close();
      }
      long acknowledged = warmupPoints + measured.points;
      lakehouse.catalog().loadTable(bronze).refresh();
      long rowsAfter = scanner.rowCount(bronze);
      long landed = rowsAfter - rowsBefore;

      double pointsPerSecond = measured.points / measured.seconds();
      System.out.println();
      System.out.println("HTTP ingest (" + options.url + ", " + options.clients + " clients)");
      System.out.printf(
          Locale.ROOT,
          "  requests acknowledged   %,d (%,d failed)%n",
          measured.requests,
          measured.failures);
      System.out.printf(
          Locale.ROOT,
          "  points acknowledged     %,d in %.1f s%n",
          measured.points,
          measured.seconds());
      System.out.printf(Locale.ROOT, "  throughput              %,.0f points/s%n", pointsPerSecond);
      System.out.printf(
          Locale.ROOT,
          "  request latency         p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
          measured.percentileMillis(0.50),
          measured.percentileMillis(0.99),
          measured.percentileMillis(1.0));
      System.out.printf(
          Locale.ROOT,
          "  bronze rows added       %,d; acknowledged incl. warm-up %,d -> %s%n",
          landed,
          acknowledged,
          landed == acknowledged ? "equal" : "DIFFERENT (another writer, or lost data)");

      CommitStats commits = commitsAfter.minus(commitsBefore);
      if (commits.count() > 0) {
        System.out.printf(
            Locale.ROOT,
            "  service commits         %,d, %,.0f rows each on average%n",
            commits.count(),
            commits.meanRows());
      }

      int status = landed == acknowledged ? 0 : 1;
      if (!options.noCeiling) {
        // the service's own commit size, so the ceiling commits as often as the service did
        int commitSize =
            commits.count() > 0 ? (int) Math.round(commits.meanRows()) : DEFAULT_CEILING_COMMIT;
        double ceiling = ceiling(lakehouse, batches, measured.points, commitSize);
        System.out.println();
        System.out.printf(
            Locale.ROOT,
            "Ceiling: the same points appended with TableAppender (no HTTP; one thread writes, one"
                + " commits, %,d rows a commit)%n",
            commitSize);
        System.out.printf(Locale.ROOT, "  throughput              %,.0f points/s%n", ceiling);
        System.out.printf(
            Locale.ROOT, "  HTTP / ceiling          %.0f %%%n", 100 * pointsPerSecond / ceiling);
      }
      return status;
    }
  }

  /**
   * The service's bronze sample commits so far, from its Prometheus endpoint; zero when it cannot
   * be read (the ceiling then commits {@link #DEFAULT_CEILING_COMMIT} rows at a time).
   */
  private record CommitStats(long count, double rows) {

    private static final Pattern COUNT =
        Pattern.compile(
            "^vitalake_ingest_commit_batch_items_count\\{table=\"wearable_samples\"} (\\S+)$",
            Pattern.MULTILINE);
    private static final Pattern SUM =
        Pattern.compile(
            "^vitalake_ingest_commit_batch_items_sum\\{table=\"wearable_samples\"} (\\S+)$",
            Pattern.MULTILINE);

    static CommitStats read(String serviceUrl) {
      String text = prometheus(serviceUrl);
      Matcher count = COUNT.matcher(text);
      Matcher sum = SUM.matcher(text);
      if (count.find() && sum.find()) {
        return new CommitStats(
            (long) Double.parseDouble(count.group(1)), Double.parseDouble(sum.group(1)));
      }
      System.err.println(
          "the service's /prometheus has no vitalake_ingest_commit_batch_items for"
              + " wearable_samples");
      return new CommitStats(0, 0);
    }

    CommitStats minus(CommitStats before) {
      return new CommitStats(count - before.count, rows - before.rows);
    }

    double meanRows() {
      return rows / count;
    }
  }

  /** A measured stretch of load. */
  private static final class Phase {
    final long startNanos = System.nanoTime();
    long endNanos;
    long points;
    long requests;
    long failures;
    long[] latencies = new long[0];

    double seconds() {
      return (endNanos - startNanos) / 1e9;
    }

    double percentileMillis(double p) {
      if (latencies.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1);
      return latencies[Math.max(0, index)] / 1e6;
    }
  }

  /** A slice of warm-up load, after the minimum, during which the service's JIT is watched. */
  private static final int WARMUP_SLICE_SECONDS = 15;

  /**
   * Warms the service up: {@code --warmup-seconds} of load, then more in slices of {@value
   * #WARMUP_SLICE_SECONDS} s until its JIT compilers used less than a tenth of a core in a slice
   * ({@code jvm_compilation_time_ms_total} from its {@code /prometheus}), or until {@code
   * --max-warmup-seconds}. A service just started compiles for minutes under this load, with one of
   * the machine's two cores; measuring then would measure its compiler.
   *
   * @return the points acknowledged during the warm-up
   */
  private static long warmUp(
      IngestClient client, String token, List<Batch> batches, Options options) throws Exception {
    long start = System.nanoTime();
    OptionalDouble compiledBefore = jitMillis(options.url);
    long points = drive(client, token, batches, options.clients, options.warmupSeconds).points;
    OptionalDouble compiled = jitMillis(options.url);
    String verdict;
    if (compiled.isEmpty()) {
      verdict = "the service publishes no jvm_compilation_time_ms_total; not waited for its JIT";
    } else {
      verdict = null;
      while (verdict == null) {
        double secondsSoFar = (System.nanoTime() - start) / 1e9;
        if (secondsSoFar + WARMUP_SLICE_SECONDS > options.maxWarmupSeconds) {
          verdict = "its JIT had not settled by --max-warmup-seconds " + options.maxWarmupSeconds;
          break;
        }
        Phase slice = drive(client, token, batches, options.clients, WARMUP_SLICE_SECONDS);
        points += slice.points;
        OptionalDouble now = jitMillis(options.url);
        if (now.isEmpty()) {
          continue; // not read this time: another slice, until --max-warmup-seconds
        }
        double sliceMillis = now.getAsDouble() - compiled.getAsDouble();
        compiled = now;
        if (sliceMillis < 0.1 * slice.seconds() * 1000) {
          verdict =
              String.format(
                  Locale.ROOT,
                  "its JIT settled (%.1f s of compilation in the last %.0f s)",
                  sliceMillis / 1000,
                  slice.seconds());
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "warm-up %.0f s, %,d points; the service compiled for %s; %s%n",
        (System.nanoTime() - start) / 1e9,
        points,
        compiled.isPresent() && compiledBefore.isPresent()
            ? String.format(
                Locale.ROOT,
                "%.1f s",
                (compiled.getAsDouble() - compiledBefore.getAsDouble()) / 1000)
            : "an unknown time",
        verdict);
    return points;
  }

  private static final Pattern JIT_MILLIS =
      Pattern.compile("^jvm_compilation_time_ms_total(?:\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);

  /** The service's JIT compilation time so far, in ms; empty when it does not publish it. */
  private static OptionalDouble jitMillis(String serviceUrl) {
    Matcher m = JIT_MILLIS.matcher(prometheus(serviceUrl));
    return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
  }

  private static final HttpClient METRICS_HTTP = HttpClient.newHttpClient();

  /**
   * The Prometheus text of the service at {@code serviceUrl}, or "" when it cannot be read
   * (reported on stderr).
   */
  public static String prometheus(String serviceUrl) {
    try {
      HttpResponse<String> response =
          METRICS_HTTP.send(
              HttpRequest.newBuilder(URI.create(serviceUrl + "/prometheus"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        return response.body();
      }
      System.err.println("the service's /prometheus answered HTTP " + response.statusCode());
    } catch (IOException | RuntimeException e) {
      System.err.println("could not read the service's /prometheus: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "";
  }

  private static Phase drive(
      IngestClient client, String token, List<Batch> batches, int clients, int seconds)
      throws Exception {
    Phase phase = new Phase();
    long deadline = phase.startNanos + Duration.ofSeconds(seconds).toNanos();
    AtomicLong next = new AtomicLong();
    AtomicLong points = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<long[]>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      futures.add(
          pool.submit(
              () -> {
                long[] lat = new long[1024];
                int n = 0;
                while (System.nanoTime() < deadline) {
                  Batch batch = batches.get((int) (next.getAndIncrement() % batches.size()));
                  long start = System.nanoTime();
                  try {
                    IngestClient.Reply reply = client.sync(token, batch.body(), null);
                    long took = System.nanoTime() - start;
                    Matcher m = ACCEPTED.matcher(reply.body());
                    if (reply.status() == 202 && m.find()) {
                      points.addAndGet(Long.parseLong(m.group(1)));
                      if (n == lat.length) {
                        lat = Arrays.copyOf(lat, n * 2);
                      }
                      lat[n++] = took;
                    } else {
                      failures.incrementAndGet();
                      if (failures.get() <= 3) {
                        System.err.println(
                            "request failed: HTTP " + reply.status() + " " + reply.body());
                      }
                      Thread.sleep(100);
                    }
                  } catch (IOException e) {
                    failures.incrementAndGet();
                    if (failures.get() <= 3) {
                      System.err.println("request failed: " + e);
                    }
                    Thread.sleep(100);
                  }
                }
                return Arrays.copyOf(lat, n);
              }));
    }
    List<long[]> all = new ArrayList<>();
    for (Future<long[]> f : futures) {
      all.add(f.get());
    }
    pool.shutdown();
    phase.endNanos = System.nanoTime();
    phase.points = points.get();
    phase.failures = failures.get();
    phase.latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    phase.requests = phase.latencies.length;
    return phase;
  }

  /**
   * Appends as many points as HTTP acknowledged, from the same prepared batches, to a scratch table
   * with bronze's schema, the way the service appends them but without HTTP: rows built as the
   * service builds them, one thread writing the Parquet files of the next commit while the calling
   * thread commits the previous one, {@code commitSize} rows a commit. One commit before the clock
   * starts compiles the writer. The table is dropped afterwards.
   */
  private static double ceiling(
      Lakehouse lakehouse, List<Batch> batches, long points, int commitSize) throws Exception {
    TableIdentifier scratch =
        TableIdentifier.of(
            Namespace.of("bench"),
            "wearable_samples_ceiling_" + UUID.randomUUID().toString().substring(0, 8));
    if (!lakehouse.namespaces().namespaceExists(scratch.namespace())) {
      lakehouse.namespaces().createNamespace(scratch.namespace());
    }
    lakehouse
        .catalog()
        .createTable(
            scratch,
            LakehouseTables.WEARABLE_SAMPLES.schema(),
            LakehouseTables.WEARABLE_SAMPLES.spec(),
            LakehouseTables.WEARABLE_SAMPLES.properties());
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      TableAppender appender = new TableAppender(lakehouse);
      Table table = lakehouse.table(scratch);
      RowSource rows = new RowSource(batches);
      appender.commitDataFiles(table, appender.writeRowDataFiles(table, rows.next(commitSize)));

      long start = System.nanoTime();
      long written = 0;
      int size = (int) Math.min(commitSize, points);
      Future<List<DataFile>> staged = stage(writer, appender, table, rows, size);
      try {
        while (written < points) {
          List<DataFile> files = staged.get();
          written += size;
          size = (int) Math.min(commitSize, points - written);
          staged = size > 0 ? stage(writer, appender, table, rows, size) : null;
          appender.commitDataFiles(table, files);
        }
      } catch (Exception e) {
        discardStaged(staged, appender, table, writer);
        throw e;
      }
      return written / ((System.nanoTime() - start) / 1e9);
    } finally {
      writer.shutdownNow();
      lakehouse.catalog().dropTable(scratch, true);
    }
  }

  /** After a failure: deletes the files of a batch written but never committed, if any. */
  private static void discardStaged(
      Future<List<DataFile>> staged, TableAppender appender, Table table, ExecutorService writer)
      throws InterruptedException {
    writer.shutdown();
    writer.awaitTermination(1, TimeUnit.MINUTES);
    if (staged != null && staged.isDone() && !staged.isCancelled()) {
      try {
        appender.discardDataFiles(table, staged.get());
      } catch (ExecutionException ignored) {
        // it failed to write: nothing to delete
      }
    }
  }

  private static Future<List<DataFile>> stage(
      ExecutorService writer, TableAppender appender, Table table, RowSource rows, int size) {
    return writer.submit(() -> appender.writeRowDataFiles(table, rows.next(size)));
  }

  /** Bronze rows of the prepared batches, round-robin, each batch a new ingest id as a request. */
  private static final class RowSource {
    private final List<Batch> batches;
    private int next;

    RowSource(List<Batch> batches) {
      this.batches = batches;
    }

    List<StructRow> next(int count) {
      Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
      List<StructRow> rows = new ArrayList<>(count);
      while (rows.size() < count) {
        Batch batch = batches.get(next++ % batches.size());
        IngestId ingestId = IngestId.random();
        for (Sample sample : batch.samples()) {
          if (rows.size() == count) {
            break;
          }
          rows.add(
              BronzeRecords.sampleRow(
                  new RecordedSample(sample, ingestId, receivedAt, "s3://bench/raw")));
        }
      }
      return rows;
    }
  }

  private static List<Batch> prepare(Options options) {
    SplittableRandom random = new SplittableRandom(42);
    List<Batch> batches = new ArrayList<>();
    Instant now = Instant.now();
    Instant day = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
    for (int b = 0; b < 400; b++) {
      UserId user = UserId.of("bench-" + (b % options.users));
      int size = random.nextInt(options.minBatch, options.maxBatch + 1);
      ZoneOffset offset = ZoneOffset.ofHours(1 + b % 3);
      Instant start = day.plusSeconds(random.nextInt(0, 86_400 - size * 5));
      StringBuilder json = new StringBuilder(size * 90);
      List<Sample> samples = new ArrayList<>(size);
      json.append("{\"userId\":\"")
          .append(user)
          .append("\",\"source\":\"apple_health\",")
          .append("\"device\":\"Apple Watch Series 9\",\"deviceType\":\"watch\",\"dataPoints\":[");
      for (int i = 0; i < size; i++) {
        Instant t = start.plusSeconds(5L * i);
        String type;
        double value;
        Instant end = null;
        int kind = i % 10;
        if (kind < 7) {
          type = "heart_rate";
          value = 55 + random.nextInt(0, 90);
        } else if (kind == 7) {
          type = "steps";
          value = random.nextInt(0, 120);
          end = t.plusSeconds(60);
        } else if (kind == 8) {
          type = "active_energy";
          value = Math.round(random.nextDouble(0.1, 9.0) * 10) / 10.0;
          end = t.plusSeconds(60);
        } else {
          type = "hrv_rmssd";
          value = 20 + random.nextInt(0, 80);
        }
        String ts = t.atOffset(offset).toString();
        if (i > 0) {
          json.append(',');
        }
        json.append("{\"type\":\"")
            .append(type)
            .append("\",\"value\":")
            .append(value)
            .append(",\"timestamp\":\"")
            .append(ts)
            .append('"');
        if (end != null) {
          json.append(",\"endTimestamp\":\"").append(end.atOffset(offset)).append('"');
        }
        json.append('}');
        samples.add(
            SampleFactory.create(
                user,
                type,
                value,
                null,
                t,
                end,
                offset,
                "apple_health",
                "Apple Watch Series 9",
                DeviceType.WATCH,
                now));
      }
      json.append("]}");
      batches.add(
          new Batch(user, json.toString().getBytes(StandardCharsets.UTF_8), List.copyOf(samples)));
    }
    return batches;
  }

  /**
   * A service token from identity's client-credentials grant, for the secret in {@code
   * VITALAKE_SERVICE_TOKEN_SECRET}.
   */
  public static String serviceToken(String identityUrl) throws IOException, InterruptedException {
    String secret = System.getenv("VITALAKE_SERVICE_TOKEN_SECRET");
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException(
          "no --token given and VITALAKE_SERVICE_TOKEN_SECRET is not set (./vitalake sets it from"
              + " .vitalake/credentials.env)");
    }
    String form =
        "grant_type=client_credentials&client_id=vitalake-cli&client_secret="
            + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(identityUrl + "/oauth/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    Matcher m = ACCESS_TOKEN.matcher(response.body());
    if (response.statusCode() != 200 || !m.find()) {
      throw new IllegalArgumentException(
          "identity at "
              + identityUrl
              + " did not issue a service token: HTTP "
              + response.statusCode()
              // a 200 body may hold a token: never print it
              + (response.statusCode() == 200 ? " without a token field" : " " + response.body()));
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
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores, %.1f GiB RAM, %s %s (%s), %s %s%n",
        rt.availableProcessors(),
        physical / (1024.0 * 1024 * 1024),
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        System.getProperty("java.vm.vendor"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"));
  }

  /** Command-line options. */
  private static final class Options {
    String url = "http://127.0.0.1:" + env("VITALAKE_INGEST_PORT", "8082");
    String identityUrl = "http://127.0.0.1:" + env("VITALAKE_IDENTITY_PORT", "8081");
    String token;
    int clients = 384;
    int users = 20;
    int seconds = 30;
    // a service just started needs minutes of load before its JIT has compiled the hot paths
    // (docs/benchmarks.md): at least this long, then until its compilers are nearly idle
    int warmupSeconds = 60;
    int maxWarmupSeconds = 360;
    int minBatch = 50;
    int maxBatch = 500;
    boolean noCeiling;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("--no-ceiling")) {
          o.noCeiling = true;
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("option " + arg + " needs a value");
        }
        String value = args[++i];
        switch (arg) {
          case "--url" -> o.url = value;
          case "--identity-url" -> o.identityUrl = value;
          case "--token" -> o.token = value;
          case "--clients" -> o.clients = positive(arg, value);
          case "--users" -> o.users = positive(arg, value);
          case "--seconds" -> o.seconds = positive(arg, value);
          case "--warmup-seconds" -> o.warmupSeconds = Integer.parseInt(value);
          case "--max-warmup-seconds" -> o.maxWarmupSeconds = Integer.parseInt(value);
          case "--min-batch" -> o.minBatch = positive(arg, value);
          case "--max-batch" -> o.maxBatch = positive(arg, value);
          default ->
              throw new IllegalArgumentException(
                  "unknown option "
                      + arg
                      + "; options: --url --token --identity-url --clients --users --seconds --warmup-seconds --max-warmup-seconds --min-batch --max-batch --no-ceiling");
        }
      }
      if (o.minBatch > o.maxBatch) {
        throw new IllegalArgumentException("--min-batch must not exceed --max-batch");
      }
      return o;
    }

    private static int positive(String option, String value) {
      try {
        int n = Integer.parseInt(value);
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw new IllegalArgumentException(
          option + " must be a positive whole number, was '" + value + "'");
    }

    private static String env(String name, String fallback) {
      String v = System.getenv(name);
      return v == null || v.isBlank() ? fallback : v;
    }
  }
}
