package org.vitalake.ingest.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.vitalake.ingest.bench.IngestClient;
import org.vitalake.ingest.support.IngestStack;
import org.vitalake.ingest.support.Json;
import org.vitalake.lakehouse.LakehouseTables;

/** The service expires its bronze snapshots during the day, keeping every row and tagged ones. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnapshotExpiryIT {

  private static final int REQUESTS = 8;
  private static final int POINTS = 40;

  private IngestStack stack;

  @BeforeAll
  void start() {
    stack =
        IngestStack.start(
            Map.of(
                "vitalake.ingest.snapshot-retention", "1s",
                "vitalake.ingest.snapshot-expiry-interval", "300ms"));
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void expiresOldBronzeSnapshotsButKeepsTaggedOnesAndEveryRow() throws Exception {
    // given one commit per request, and a tag on the snapshot after the second, as the nightly
    // pipeline leaves on the snapshot it reads
    String user = "exp-" + UUID.randomUUID();
    String token = stack.jwks().token(user, "user");
    IngestClient client = stack.server().client();
    Table table = stack.lakehouse().lakehouse().table(LakehouseTables.WEARABLE_SAMPLES);
    long tagged = 0;
    for (int r = 0; r < REQUESTS; r++) {
      assertThat(client.sync(token, body(user, r), null).status()).isEqualTo(202);
      if (r == 1) {
        table.refresh();
        tagged = table.currentSnapshot().snapshotId();
        table.manageSnapshots().createTag("vitalake-pipeline", tagged).commit();
      }
    }

    // when the retention has passed
    long taggedId = tagged;
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> snapshotCount(table) <= 2);

    // then
    table.refresh();
    assertThat(table.snapshot(taggedId)).as("the tagged snapshot").isNotNull();
    long rows =
        stack
            .scanner()
            .scan(LakehouseTables.WEARABLE_SAMPLES.id(), Expressions.equal("user_id", user))
            .size();
    assertThat(rows).isEqualTo((long) REQUESTS * POINTS);
    // the counter is updated after the expiry's commit, which the table shows first
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        metricValue(
                            client.get("/prometheus").body(),
                            "vitalake_ingest_snapshots_expired_total"))
                    .isGreaterThanOrEqualTo(REQUESTS - 2));
  }

  private static int snapshotCount(Table table) {
    table.refresh();
    int n = 0;
    for (Snapshot ignored : table.snapshots()) {
      n++;
    }
    return n;
  }

  private static double metricValue(String prometheus, String name) {
    for (String line : prometheus.split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError(name + " is not in\n" + prometheus);
  }

  private static byte[] body(String user, int request) {
    Instant start = Instant.parse("2025-11-20T00:00:00Z").plusSeconds(request * 10_000L);
    List<Map<String, Object>> list = new ArrayList<>();
    for (int i = 0; i < POINTS; i++) {
      list.add(Json.point("heart_rate", 60 + (i % 30), start.plusSeconds(5L * i).toString()));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("userId", user);
    body.put("source", "garmin");
    body.put("dataPoints", list);
    return Json.bytes(body);
  }
}
