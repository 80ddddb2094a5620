package org.vitalake.ingest.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.vitalake.ingest.bench.IngestClient;
import org.vitalake.ingest.bench.IngestClient.Reply;
import org.vitalake.ingest.support.IngestStack;
import org.vitalake.ingest.support.IngestTestServer;
import org.vitalake.ingest.support.Json;
import org.vitalake.ingest.support.JwksFixture;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableScanner;
import org.vitalake.lakehouse.local.LocalLakehouse;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupCommitIT {

  private IngestStack stack;
  private LocalLakehouse lakehouse;
  private JwksFixture jwks;
  private IngestTestServer server;
  private TableScanner scanner;

  @BeforeAll
  void start() {
    stack = IngestStack.start(Map.of());
    lakehouse = stack.lakehouse();
    jwks = stack.jwks();
    server = stack.server();
    scanner = stack.scanner();
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void commitsEveryConcurrentRequestInFewerCommitsThanRequests() throws Exception {
    // given
    int writers = 16;
    int requestsEach = 4;
    int pointsEach = 100;
    String token = jwks.token("bench-service", "service");
    IngestClient client = server.client();
    List<String> users = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      users.add("c-" + UUID.randomUUID());
    }
    int snapshotsBefore = snapshotCount();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<List<Integer>>> results = new ArrayList<>();

    // when
    for (String user : users) {
      results.add(
          pool.submit(
              () -> {
                go.await();
                List<Integer> statuses = new ArrayList<>();
                for (int r = 0; r < requestsEach; r++) {
                  statuses.add(client.sync(token, body(user, r, pointsEach), null).status());
                }
                return statuses;
              }));
    }
    go.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (Future<List<Integer>> result : results) {
      statuses.addAll(result.get());
    }
    pool.shutdown();

    // then
    int requests = writers * requestsEach;
    assertThat(statuses).hasSize(requests).containsOnly(202);
    assertThat(rowsOf(users)).isEqualTo((long) requests * pointsEach);
    int commits = snapshotCount() - snapshotsBefore;
    assertThat(commits).isGreaterThan(0).isLessThan(requests);
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void keepsEveryAcknowledgedPointWhenTheServiceRestartsMidStream() throws Exception {
    // given: writers that retry each request with its Idempotency-Key until it is acknowledged
    int writers = 6;
    int requestsEach = 8;
    String token = jwks.token("bench-service", "service");
    List<String> users = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      users.add("r-" + UUID.randomUUID());
    }
    Map<String, JsonNode> acknowledged = new ConcurrentHashMap<>();
    AtomicInteger failedAttempts = new AtomicInteger();
    ClientHolder holder = new ClientHolder(server.client());
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<?>> done = new ArrayList<>();
    for (String user : users) {
      done.add(
          pool.submit(
              () -> {
                for (int r = 0; r < requestsEach; r++) {
                  byte[] body = body(user, r, 50 + r * 10);
                  String key = user + "/" + r;
                  // retried with the same key until acknowledged, also while the server restarts
                  await()
                      .atMost(Duration.ofMinutes(2))
                      .pollDelay(Duration.ZERO)
                      .pollInterval(Duration.ofMillis(50))
                      .pollInSameThread()
                      .until(() -> trySync(holder, token, body, key, acknowledged, failedAttempts));
                }
                return null;
              }));
    }

    // when: the service stops and starts again while the writers are busy
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> acknowledged.size() >= writers);
    server.stop();
    server.start();
    holder.client = server.client();
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();

    // then: bronze holds exactly the acknowledged points, each request's rows once
    assertThat(acknowledged).hasSize(writers * requestsEach);
    long expected = 0;
    for (JsonNode reply : acknowledged.values()) {
      long rows =
          scanner
              .scan(
                  LakehouseTables.WEARABLE_SAMPLES.id(),
                  Expressions.equal("ingest_id", reply.get("ingestId").asText()))
              .size();
      assertThat(rows).isEqualTo(reply.get("accepted").asLong());
      expected += reply.get("accepted").asLong();
    }
    assertThat(rowsOf(users)).isEqualTo(expected);
  }

  /** Lets writer threads pick up the client of the restarted server (new port). */
  /** One attempt of a keyed sync; true when it was acknowledged. */
  private static boolean trySync(
      ClientHolder holder,
      String token,
      byte[] body,
      String key,
      Map<String, JsonNode> acknowledged,
      AtomicInteger failedAttempts)
      throws InterruptedException {
    try {
      Reply reply = holder.client.sync(token, body, key);
      if (reply.status() == 202) {
        acknowledged.put(key, Json.parse(reply.body()));
        return true;
      }
    } catch (IOException e) {
      // the server is restarting; the next attempt retries with the same key
    }
    failedAttempts.incrementAndGet();
    return false;
  }

  private static final class ClientHolder {
    volatile IngestClient client;

    ClientHolder(IngestClient client) {
      this.client = client;
    }
  }

  private static byte[] body(String user, int request, int points) {
    Instant start = Instant.parse("2025-11-20T00:00:00Z").plusSeconds(request * 10_000L);
    List<Map<String, Object>> list = new ArrayList<>();
    for (int i = 0; i < points; i++) {
      list.add(Json.point("heart_rate", 55 + (i % 40), start.plusSeconds(5L * i).toString()));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("userId", user);
    body.put("source", "garmin");
    body.put("deviceType", "watch");
    body.put("dataPoints", list);
    return Json.bytes(body);
  }

  private long rowsOf(List<String> users) {
    List<Record> rows =
        scanner.scan(
            LakehouseTables.WEARABLE_SAMPLES.id(),
            Expressions.in("user_id", users.toArray(new Object[0])));
    return rows.size();
  }

  private int snapshotCount() {
    int n = 0;
    for (Snapshot ignored :
        lakehouse.lakehouse().table(LakehouseTables.WEARABLE_SAMPLES.id()).snapshots()) {
      n++;
    }
    return n;
  }
}
