package org.vitalake.serving.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Background {@code POST /sync} traffic at a fixed rate of points per second, so freshness is
 * measured while ingest-api commits, the object store writes and serving-api's consumer reads new
 * bronze snapshots, as in the day of a real deployment.
 *
 * <p>Requests are sent open-loop on a schedule (asynchronously, up to a bound of requests in
 * flight), each a realistic watch batch for one of the load's users: minute heart rate, steps and
 * energy over the last hours.
 */
final class IngestLoad implements AutoCloseable {

  /** Points in one request: a typical phone-to-cloud sync of a few hours of minute data. */
  static final int POINTS_PER_REQUEST = 250;

  /** Requests in flight before the schedule waits: a ceiling on what the load may queue up. */
  static final int MAX_IN_FLIGHT = 256;

  /** One load user: an id and that user's own token. */
  record Writer(String userId, String token) {}

  private final URI ingest;
  private final List<Writer> writers;
  private final double pointsPerSecond;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final AtomicLong ackedPoints = new AtomicLong();
  private final AtomicLong failedRequests = new AtomicLong();
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private final Thread scheduler;
  private volatile boolean running = true;
  private volatile long startedNanos;
  private volatile long stoppedNanos;

  IngestLoad(URI ingest, List<Writer> writers, double pointsPerSecond) {
    if (writers.isEmpty()) {
      throw new IllegalArgumentException("the ingest load needs at least one user");
    }
    if (pointsPerSecond <= 0) {
      throw new IllegalArgumentException(
          "ingest rate must be positive, got " + pointsPerSecond + " points/s");
    }
    this.ingest = ingest;
    this.writers = List.copyOf(writers);
    this.pointsPerSecond = pointsPerSecond;
    this.scheduler = new Thread(this::schedule, "ingest-load");
    this.scheduler.setDaemon(true);
  }

  void start() {
    startedNanos = System.nanoTime();
    scheduler.start();
  }

  /** Points acknowledged with 202 so far. */
  long ackedPoints() {
    return ackedPoints.get();
  }

  /** Requests answered with anything but 202, or not answered. */
  long failedRequests() {
    return failedRequests.get();
  }

  /** Acknowledged points per second from the start until now (or until closed). */
  double achievedRate() {
    long end = stoppedNanos == 0 ? System.nanoTime() : stoppedNanos;
    return ackedPoints.get() / ((end - startedNanos) / 1e9);
  }

  private void schedule() {
    List<byte[]> bodies = prepareBodies();
    long interval = Math.round(1e9 * POINTS_PER_REQUEST / pointsPerSecond);
    long intended = System.nanoTime();
    int next = 0;
    while (running) {
      long now;
      while (running && (now = System.nanoTime()) < intended) {
        LockSupport.parkNanos(intended - now);
      }
      if (!running) {
        break;
      }
      Writer writer = writers.get(next % writers.size());
      byte[] body = bodies.get(next % bodies.size());
      next++;
      try {
        inFlight.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      HttpRequest request =
          HttpRequest.newBuilder(ingest.resolve("/sync"))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + writer.token())
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(withUser(body, writer.userId())))
              .build();
      http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (response, error) -> {
                inFlight.release();
                if (error == null && response.statusCode() == 202) {
                  ackedPoints.addAndGet(POINTS_PER_REQUEST);
                } else {
                  failedRequests.incrementAndGet();
                }
              });
      intended += interval;
    }
  }

  /** Bodies with a {@code %USER%} placeholder, each a different stretch of the last hours. */
  private static List<byte[]> prepareBodies() {
    SplittableRandom random = new SplittableRandom(7);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    List<byte[]> bodies = new ArrayList<>();
    for (int b = 0; b < 64; b++) {
      Instant first = now.minus(Duration.ofMinutes(POINTS_PER_REQUEST + b));
      StringBuilder json = new StringBuilder(POINTS_PER_REQUEST * 110);
      json.append("{\"userId\":\"%USER%\",\"source\":\"bench_watch\",")
          .append("\"device\":\"Bench Watch\",\"deviceType\":\"watch\",\"dataPoints\":[");
      for (int i = 0; i < POINTS_PER_REQUEST; i++) {
        Instant t = first.plus(Duration.ofMinutes(i));
        if (i > 0) {
          json.append(',');
        }
        switch (i % 5) {
          case 0, 1, 2 ->
              json.append("{\"type\":\"heart_rate\",\"value\":")
                  .append(55 + random.nextInt(0, 90))
                  .append(",\"timestamp\":\"")
                  .append(t)
                  .append("\",\"zoneOffset\":\"+00:00\"}");
          case 3 ->
              json.append("{\"type\":\"steps\",\"value\":")
                  .append(random.nextInt(0, 120))
                  .append(",\"timestamp\":\"")
                  .append(t)
                  .append("\",\"endTimestamp\":\"")
                  .append(t.plusSeconds(60))
                  .append("\",\"zoneOffset\":\"+00:00\"}");
          default ->
              json.append("{\"type\":\"active_energy\",\"value\":")
                  .append(random.nextInt(1, 90) / 10.0)
                  .append(",\"timestamp\":\"")
                  .append(t)
                  .append("\",\"endTimestamp\":\"")
                  .append(t.plusSeconds(60))
                  .append("\",\"zoneOffset\":\"+00:00\"}");
        }
      }
      json.append("]}");
      bodies.add(json.toString().getBytes(StandardCharsets.UTF_8));
    }
    return bodies;
  }

  private static byte[] withUser(byte[] body, String userId) {
    return new String(body, StandardCharsets.UTF_8)
        .replace("%USER%", userId)
        .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    scheduler.interrupt();
    scheduler.join(5000);
    stoppedNanos = System.nanoTime();
  }
}
