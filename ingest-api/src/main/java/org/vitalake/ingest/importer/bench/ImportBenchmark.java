package org.vitalake.ingest.importer.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.vitalake.core.id.UserId;
import org.vitalake.core.journal.JournalEntry;
import org.vitalake.core.sample.Sample;
import org.vitalake.ingest.bench.IngestBenchmark;
import org.vitalake.ingest.importer.ImportInput;
import org.vitalake.ingest.importer.ImportOptions;
import org.vitalake.ingest.importer.ImportSink;
import org.vitalake.ingest.importer.ImportStatusResponse;
import org.vitalake.ingest.importer.Rejection;
import org.vitalake.ingest.importer.applehealth.AppleHealthImporter;
import org.vitalake.ingest.importer.cli.ImportClient;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseProperties;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.RawArchive;
import org.vitalake.lakehouse.TableScanner;
import org.vitalake.lakehouse.bench.BenchmarkMachine;

/**
 * {@code ./vitalake bench import [--size-mb N] [--data DIR]}: generates an Apple Health export of N
 * MB (default 1024) from the real sample exports' record shapes, then parses and validates it
 * in-process through the importer and {@code SampleFactory}, at one eighth of the size and at full
 * size, reporting MB/s and peak heap so that memory can be seen not to grow with the file.
 *
 * <p>With {@code --end-to-end [--url U] [--token T] [--identity-url U] [--user ID]} it instead
 * imports the generated file through the running ingest API (upload in parts, parse, group commit
 * into {@code bronze.wearable_samples}) and reports MB/s and samples/s from the first byte sent to
 * the import's end, and checks that bronze holds exactly the samples the import accepted.
 */
public final class ImportBenchmark {

  private ImportBenchmark() {}

  /** Counts what the importer produces; keeps nothing. */
  private static final class CountingSink implements ImportSink {
    long records;
    long samples;
    long rejected;
    long keyBytes;
    final boolean keys;

    CountingSink(boolean keys) {
      this.keys = keys;
    }

    @Override
    public void recordRead() {
      records++;
    }

    @Override
    public void accept(Sample sample) {
      samples++;
      if (keys) {
        // what the bronze writer adds per row: the natural key (SHA-256)
        keyBytes += sample.sampleKeyAscii().length;
      }
    }

    @Override
    public void accept(JournalEntry entry) {}

    @Override
    public void reject(Rejection rejection) {
      rejected++;
    }
  }

  /** One measured run. */
  record Result(
      long bytes,
      long records,
      long samples,
      long rejected,
      double seconds,
      double cpuSeconds,
      long peakHeapBytes,
      long peakOldBytes,
      long gcCount,
      long gcMillis) {
    double megabytesPerSecond() {
      return bytes / 1e6 / seconds;
    }

    double megabytesPerCpuSecond() {
      return bytes / 1e6 / cpuSeconds;
    }
  }

  public static void main(String[] args) throws Exception {
    long sizeMb = 1024;
    boolean keys = false;
    Path data = null;
    EndToEnd endToEnd = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--size-mb" -> sizeMb = Long.parseLong(args[++i]);
        case "--data" -> data = Path.of(args[++i]);
        case "--keys" -> keys = true;
        case "--end-to-end" -> endToEnd = endToEnd == null ? new EndToEnd() : endToEnd;
        case "--url" -> (endToEnd = endToEnd == null ? new EndToEnd() : endToEnd).url = args[++i];
        case "--token" ->
            (endToEnd = endToEnd == null ? new EndToEnd() : endToEnd).token = args[++i];
        case "--identity-url" ->
            (endToEnd = endToEnd == null ? new EndToEnd() : endToEnd).identityUrl = args[++i];
        case "--user" -> (endToEnd = endToEnd == null ? new EndToEnd() : endToEnd).user = args[++i];
        default -> {
          System.err.println(
              "usage: ./vitalake bench import [--size-mb N] [--data DIR] [--keys]"
                  + " | [--end-to-end [--url U] [--token T] [--identity-url U] [--user ID]]");
          System.exit(2);
        }
      }
    }
    Path home = Path.of(System.getenv().getOrDefault("VITALAKE_HOME", ".vitalake"));
    if (data == null) {
      String env = System.getenv("VITALAKE_DATA_DIR");
      data = env != null ? Path.of(env) : findSharedData();
    }
    List<Path> samples =
        List.of(
            data.resolve("apple-health/tdda_export6s3sample.xml"),
            data.resolve("apple-health/alxdrcirilo_export.xml"));
    AppleHealthExportGenerator generator = new AppleHealthExportGenerator(samples);
    Path bench = home.resolve("bench");
    Path small = bench.resolve("apple-health-export-" + sizeMb / 8 + "mb.xml");
    Path large = bench.resolve("apple-health-export-" + sizeMb + "mb.xml");
    if (endToEnd != null) {
      Path file = bench.resolve("apple-health-export-" + sizeMb + "mb.xml");
      generate(generator, file, sizeMb * 1_000_000L);
      // S3 and HTTP client threads would keep the JVM alive for a minute
      System.exit(endToEnd.run(file));
    }
    generate(generator, small, sizeMb / 8 * 1_000_000L);
    generate(generator, large, sizeMb * 1_000_000L);

    measure(small, keys); // warm-up: JIT and class loading stay out of the numbers
    Result smaller = measure(small, keys);
    Result full = measure(large, keys);

    System.out.println(BenchmarkMachine.describe());
    System.out.println(
        keys ? "parse + validate + sample keys" : "parse + validate (SampleFactory)");
    System.out.printf(
        Locale.ROOT, "record shapes from the real exports: %d%n", generator.shapeCount());
    print("1/8 size", smaller);
    print("full size", full);
  }

  /**
   * The service's cumulative work counters from its Prometheus endpoint: process CPU time, time in
   * garbage-collection pauses and time its JIT compiler threads spent compiling. They tell what the
   * service itself spent on an import, apart from the S3 server, the client and whatever else
   * shares the machine's cores.
   *
   * @param measured false when the endpoint did not answer or lacks the counters
   */
  record ServiceWork(
      boolean measured, double cpuSeconds, double gcPauseSeconds, double compileSeconds) {

    static ServiceWork read(String serviceUrl) {
      return parse(IngestBenchmark.prometheus(serviceUrl));
    }

    static ServiceWork parse(String prometheusText) {
      double cpu = -1;
      double gc = 0;
      double compile = -1;
      try {
        for (String line : prometheusText.split("\n")) {
          // only these lines' values are read: others may hold words such as +Inf
          if (line.startsWith("process_cpu_time_ns_total")) {
            cpu = value(line) / 1e9;
          } else if (line.startsWith("jvm_gc_pause_seconds_sum")) {
            gc += value(line);
          } else if (line.startsWith("jvm_compilation_time_ms_total")) {
            compile = value(line) / 1e3;
          }
        }
      } catch (NumberFormatException e) {
        return new ServiceWork(false, 0, 0, 0);
      }
      return new ServiceWork(cpu >= 0 && compile >= 0, cpu, gc, compile);
    }

    private static double value(String line) {
      return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    /** What the service did between {@code before} and this reading, also per GB of input. */
    String since(ServiceWork before, long bytes) {
      if (!measured || !before.measured) {
        return "not measured (no process_cpu_time_ns_total or jvm_compilation_time_ms_total at"
            + " /prometheus)";
      }
      double cpu = cpuSeconds - before.cpuSeconds;
      return String.format(
          Locale.ROOT,
          "CPU %.1f s (%.1f s per GB), garbage-collection pauses %.1f s, JIT compiling %.1f s"
              + " (elapsed in its threads)",
          cpu,
          cpu / (bytes / 1e9),
          gcPauseSeconds - before.gcPauseSeconds,
          compileSeconds - before.compileSeconds);
    }
  }

  /** The import through the running service, into bronze. */
  private static final class EndToEnd {
    String url = "http://127.0.0.1:" + env("VITALAKE_INGEST_PORT", "8082");
    String identityUrl = "http://127.0.0.1:" + env("VITALAKE_IDENTITY_PORT", "8081");
    String token;
    String user = "u-bench-import-" + UUID.randomUUID();

    int run(Path file) throws Exception {
      String bearer = token != null ? token : IngestBenchmark.serviceToken(identityUrl);
      ImportClient client = new ImportClient(URI.create(url), () -> bearer);
      long bytes = Files.size(file);
      ServiceWork before = ServiceWork.read(url);
      ServiceHeap heap = ServiceHeap.start(url);
      long start = System.nanoTime();
      // the import's rows are found by ingest id among those received since now (bronze keeps no
      // statistics of ingest ids; received_at prunes the files)
      long receivedFrom = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()) - 1_000_000L;
      String importId =
          client
              .upload(file, new ImportClient.Target("apple-health", user, Map.of(), null), n -> {})
              .importId();
      double uploadSeconds = (System.nanoTime() - start) / 1e9;
      ImportStatusResponse done = client.await(importId, s -> {}, Duration.ofMillis(250));
      double seconds = (System.nanoTime() - start) / 1e9;
      heap.stop();
      ServiceWork after = ServiceWork.read(url);
      long bronze = 0;
      // counted as the rows stream by: a 1 GB export is millions of rows, more than this heap
      try (Lakehouse lakehouse = Lakehouse.open(LakehouseProperties.fromEnvironment());
          CloseableIterable<Record> rows =
              new TableScanner(lakehouse)
                  .open(
                      LakehouseTables.WEARABLE_SAMPLES.id(),
                      Expressions.and(
                          Expressions.greaterThanOrEqual("received_at", receivedFrom),
                          Expressions.equal("ingest_id", importId)))) {
        for (Record ignored : rows) {
          bronze++;
        }
      }
      System.out.println(BenchmarkMachine.describe());
      System.out.printf(
          Locale.ROOT,
          "import %s of %s (%.0f MB) through %s: %s%n",
          importId,
          file.getFileName(),
          bytes / 1e6,
          url,
          done.status() + (done.error() == null ? "" : " (" + done.error() + ")"));
      System.out.printf(
          Locale.ROOT,
          "  records read %,d, accepted %,d, rejected %,d%n",
          done.rowsRead(),
          done.accepted(),
          done.rejected());
      boolean imported = done.status().equals("done");
      if (imported) {
        System.out.printf(
            Locale.ROOT,
            "  upload %.1f s, whole import %.1f s: %.1f MB/s, %,.0f samples/s%n",
            uploadSeconds,
            seconds,
            bytes / 1e6 / seconds,
            done.accepted() / seconds);
      } else {
        System.out.printf(
            Locale.ROOT,
            "  upload %.1f s, the import ended %s after %.1f s: no throughput to report%n",
            uploadSeconds,
            done.status(),
            seconds);
      }
      System.out.printf(
          Locale.ROOT,
          "  bronze rows of the import %,d; accepted %,d -> %s%n",
          bronze,
          done.accepted(),
          bronze == done.accepted() ? "equal" : "DIFFERENT");
      System.out.println("  service work during the import: " + after.since(before, bytes));
      System.out.println(
          "  service heap during the import (from its /prometheus, every "
              + ServiceHeap.INTERVAL.toMillis()
              + " ms): "
              + heap);
      // the upload was archived under the throwaway user: a gigabyte a run, kept by nothing
      try (RawArchive archive = new RawArchive(LakehouseProperties.fromEnvironment())) {
        System.out.printf(
            Locale.ROOT,
            "  removed the throwaway user's %d archived payloads (the upload); its bronze rows"
                + " stay%n",
            archive.deleteAll(UserId.of(user)));
      }
      return imported && bronze == done.accepted() ? 0 : 1;
    }

    /**
     * The service's heap while the import runs, sampled from its Prometheus endpoint: the largest
     * heap in use (live data and garbage not yet collected) and the largest old generation.
     */
    private static final class ServiceHeap {
      /**
       * Between samples: each costs the service a rendering of all its metrics (about 10 ms of CPU
       * once warm), which at 250 ms took about 3-4 % of its CPU during a 1 GB import.
       */
      static final Duration INTERVAL = Duration.ofSeconds(1);

      private final String serviceUrl;
      private final Thread sampler;
      private volatile boolean running = true;
      private long peakUsed = -1;
      private long peakOld = -1;
      private long max = -1;
      private int samples;

      private ServiceHeap(String serviceUrl) {
        this.serviceUrl = serviceUrl;
        this.sampler = new Thread(this::sample, "service-heap");
        sampler.setDaemon(true);
      }

      static ServiceHeap start(String serviceUrl) {
        ServiceHeap heap = new ServiceHeap(serviceUrl);
        heap.sampler.start();
        return heap;
      }

      void stop() throws InterruptedException {
        running = false;
        sampler.join();
      }

      private void sample() {
        while (running) {
          String text = IngestBenchmark.prometheus(serviceUrl);
          if (text.isEmpty()) {
            return; // no metrics (said on stderr): reported as not measured
          }
          try {
            long used = 0;
            for (String line : text.split("\n")) {
              if (line.startsWith("jvm_memory_used_bytes{area=\"heap\"")) {
                long value = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                used += value;
                if (line.contains("Old Gen")) {
                  peakOld = Math.max(peakOld, value);
                }
              } else if (line.startsWith("jvm_memory_max_bytes{area=\"heap\"")
                  && line.contains("Old Gen")) {
                max = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
              }
            }
            peakUsed = Math.max(peakUsed, used);
            samples++;
            Thread.sleep(INTERVAL.toMillis());
          } catch (InterruptedException e) {
            return;
          } catch (NumberFormatException e) {
            return; // not the metrics expected: reported as not measured
          }
        }
      }

      @Override
      public String toString() {
        if (samples == 0) {
          return "not measured (no metrics at " + serviceUrl + "/prometheus)";
        }
        return String.format(
            Locale.ROOT,
            "peak in use %d MB, peak old generation %d MB, max heap %d MB (%d samples)",
            peakUsed >> 20,
            peakOld >> 20,
            max >> 20,
            samples);
      }
    }

    private static String env(String name, String fallback) {
      String value = System.getenv(name);
      return value == null || value.isBlank() ? fallback : value;
    }
  }

  private static void generate(AppleHealthExportGenerator generator, Path file, long bytes)
      throws IOException {
    if (Files.exists(file) && Files.size(file) >= bytes) {
      return;
    }
    long start = System.nanoTime();
    long records = generator.write(file, bytes);
    System.err.printf(
        Locale.ROOT,
        "generated %s: %,d records, %.0f MB in %.1f s%n",
        file,
        records,
        Files.size(file) / 1e6,
        (System.nanoTime() - start) / 1e9);
  }

  static Result measure(Path file, boolean keys) throws IOException {
    System.gc();
    List<MemoryPoolMXBean> heap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    long gcCount = gcCount();
    long gcMillis = gcMillis();
    CountingSink sink = new CountingSink(keys);
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    try (ImportInput input = ImportInput.open(file)) {
      new AppleHealthImporter()
          .importFrom(
              input,
              ImportOptions.forUser(UserId.of("bench-user"), ZoneId.of("UTC"), Instant.now()),
              sink);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    // what survives young collections: grows with the file if anything is held on to
    long old =
        heap.stream()
            .filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured"))
            .mapToLong(p -> p.getPeakUsage().getUsed())
            .sum();
    return new Result(
        Files.size(file),
        sink.records,
        sink.samples,
        sink.rejected,
        seconds,
        cpuSeconds,
        peak,
        old,
        gcCount() - gcCount,
        gcMillis() - gcMillis);
  }

  private static void print(String label, Result r) {
    System.out.printf(
        Locale.ROOT,
        "%-9s %,8.0f MB  %,11d records  %,11d samples  %,d rejected  %6.1f s  %6.1f MB/s  (%.1f MB per CPU-second)  peak heap %5.0f MB (old gen %4.0f MB)  GC %d (%d ms)%n",
        label,
        r.bytes() / 1e6,
        r.records(),
        r.samples(),
        r.rejected(),
        r.seconds(),
        r.megabytesPerSecond(),
        r.megabytesPerCpuSecond(),
        r.peakHeapBytes() / (1024.0 * 1024),
        r.peakOldBytes() / (1024.0 * 1024),
        r.gcCount(),
        r.gcMillis());
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionCount)
        .sum();
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime)
        .sum();
  }

  private static Path findSharedData() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/data");
      if (Files.isDirectory(candidate.resolve("apple-health"))) {
        return candidate;
      }
      Path sibling = dir.resolve("../shared/data").normalize();
      if (Files.isDirectory(sibling.resolve("apple-health"))) {
        return sibling;
      }
    }
    throw new IllegalStateException(
        "the real Apple Health samples were not found; pass --data DIR or set VITALAKE_DATA_DIR");
  }
}
