package org.vitalake.ingest.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.vitalake.ingest.bench.IngestClient;
import org.vitalake.ingest.bench.IngestClient.Reply;
import org.vitalake.ingest.support.IngestStack;
import org.vitalake.ingest.support.IngestTestServer;
import org.vitalake.ingest.support.Json;
import org.vitalake.ingest.support.JwksFixture;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.RawArchive;
import org.vitalake.lakehouse.TableScanner;
import org.vitalake.lakehouse.local.LocalLakehouse;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncIT {

  private IngestStack stack;
  private LocalLakehouse lakehouse;
  private JwksFixture jwks;
  private IngestTestServer server;
  private IngestClient client;
  private TableScanner scanner;
  private RawArchive raw;

  @BeforeAll
  void start() {
    stack = IngestStack.start(Map.of());
    lakehouse = stack.lakehouse();
    jwks = stack.jwks();
    server = stack.server();
    scanner = stack.scanner();
    client = server.client();
    raw = new RawArchive(lakehouse.properties());
  }

  @AfterAll
  void stop() {
    if (raw != null) {
      raw.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void keepsValidPointsAndRejectsInvalidOnesByIndexWithTheField() throws Exception {
    // given
    String user = "u-" + UUID.randomUUID();
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String tomorrowAndMore = Instant.now().plus(Duration.ofDays(3)).toString();
    List<Map<String, Object>> points = new ArrayList<>();
    points.add(Json.point("heart_rate", 72, "2025-11-21T07:30:00+01:00")); // 0 ok
    points.add(Json.point("no_such_metric", 1, now)); // 1 type
    points.add(Json.point("heart_rate", 300, now)); // 2 value out of range
    Map<String, Object> badUnit = Json.point("steps", 100, now);
    badUnit.put("unit", "kg");
    badUnit.put("endTimestamp", now);
    points.add(badUnit); // 3 unit
    points.add(Json.point("heart_rate", 60, tomorrowAndMore)); // 4 future timestamp
    Map<String, Object> weight = Json.point("weight", 165, "2025-11-21T06:00:00Z");
    weight.put("unit", "lb");
    weight.put("zoneOffset", 7200);
    points.add(weight); // 5 ok, converted
    points.add(Json.point("heart_rate", "fast", now)); // 6 value not a number
    byte[] body = Json.bytes(syncBody(user, points));

    // when
    Reply reply = client.sync(jwks.token(user, "user"), body, null);

    // then
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    JsonNode json = Json.parse(reply.body());
    assertThat(json.get("accepted").asInt()).isEqualTo(2);
    Map<Integer, String> rejected = new LinkedHashMap<>();
    json.get("rejected")
        .forEach(r -> rejected.put(r.get("index").asInt(), r.get("field").asText()));
    assertThat(rejected)
        .containsExactly(
            Map.entry(1, "type"),
            Map.entry(2, "value"),
            Map.entry(3, "unit"),
            Map.entry(4, "timestamp"),
            Map.entry(6, "value"));
    json.get("rejected")
        .forEach(
            r -> assertThat(r.get("reason").asText()).startsWith(r.get("field").asText() + ": "));

    List<Record> rows = rowsOf(json.get("ingestId").asText());
    assertThat(rows).hasSize(2);
    Record heartRate =
        rows.stream()
            .filter(r -> r.getField("metric").equals("heart_rate"))
            .findFirst()
            .orElseThrow();
    assertThat(heartRate.getField("value")).isEqualTo(72.0);
    assertThat(heartRate.getField("zone_offset_seconds")).isEqualTo(3600);
    assertThat(heartRate.getField("user_id")).isEqualTo(user);
    Record weightRow =
        rows.stream().filter(r -> r.getField("metric").equals("weight")).findFirst().orElseThrow();
    assertThat((Double) weightRow.getField("value"))
        .isCloseTo(165 * 0.45359237, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(weightRow.getField("unit")).isEqualTo("lb");
    assertThat(weightRow.getField("zone_offset_seconds")).isEqualTo(7200);
  }

  @Test
  void acceptsTheSeedContractsPointWithoutEndTimestampAsAnAmountAtThatInstant() throws Exception {
    // given: exactly the seed design's shape, {type, value, timestamp} with userId and source
    String user = "u-" + UUID.randomUUID();
    Instant at = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    String body =
        "{\"userId\":\""
            + user
            + "\",\"source\":\"w\",\"dataPoints\":[{\"type\":\"steps\",\"value\":5,\"timestamp\":\""
            + at
            + "\"}]}";

    // when
    Reply reply =
        client.sync(jwks.token(user, "user"), body.getBytes(StandardCharsets.UTF_8), null);

    // then
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    JsonNode json = Json.parse(reply.body());
    assertThat(json.get("accepted").asInt()).isEqualTo(1);
    Record row = rowsOf(json.get("ingestId").asText()).get(0);
    assertThat(row.getField("metric")).isEqualTo("steps");
    assertThat(row.getField("value")).isEqualTo(5.0);
    assertThat(((OffsetDateTime) row.getField("start_time")).toInstant()).isEqualTo(at);
    assertThat(row.getField("end_time")).isEqualTo(row.getField("start_time"));
  }

  @Test
  void endsASleepWithoutEndTimestampItsMinutesAfterItsStartAndKeepsAnExplicitEnd()
      throws Exception {
    // given
    String user = "u-" + UUID.randomUUID();
    Instant start = Instant.now().minus(Duration.ofHours(10)).truncatedTo(ChronoUnit.SECONDS);
    Map<String, Object> sleep = Json.point("sleep_session", 420, start.toString());
    Map<String, Object> steps = Json.point("steps", 800, start.toString());
    Instant stepsEnd = start.plus(Duration.ofMinutes(15));
    steps.put("endTimestamp", stepsEnd.toString());

    // when
    Reply reply =
        client.sync(
            jwks.token(user, "user"), Json.bytes(syncBody(user, List.of(sleep, steps))), null);

    // then
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    Map<Object, Instant> ends = new LinkedHashMap<>();
    rowsOf(Json.parse(reply.body()).get("ingestId").asText())
        .forEach(
            r ->
                ends.put(
                    r.getField("metric"), ((OffsetDateTime) r.getField("end_time")).toInstant()));
    assertThat(ends)
        .containsOnly(
            Map.entry("sleep_session", start.plus(Duration.ofMinutes(420))),
            Map.entry("steps", stepsEnd));
  }

  @Test
  void answersAnOutOfRangeAmountWithoutEndTimestampWith422NamingTheValue() throws Exception {
    String user = "u-" + UUID.randomUUID();
    byte[] body =
        Json.bytes(syncBody(user, List.of(Json.point("steps", -5, "2026-11-20T22:00:00Z"))));

    JsonNode problem = assertProblem(client.sync(jwks.token(user, "user"), body, null), 422);

    assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("dataPoints[0].value");
    assertThat(problem.get("errors").get(0).get("reason").asText()).contains("-5");
  }

  @Test
  void archivesTheRawBodyAndEveryBronzeRowReferencesIt() throws Exception {
    // given
    String user = "u-" + UUID.randomUUID();
    byte[] body =
        Json.bytes(
            syncBody(
                user,
                List.of(
                    Json.point("heart_rate", 61, "2025-11-20T22:00:00Z"),
                    Json.point("heart_rate", 62, "2025-11-20T22:00:05Z"),
                    Json.point("heart_rate", 63, "2025-11-20T22:00:10Z"))));

    // when
    Reply reply = client.sync(jwks.token(user, "user"), body, null);

    // then
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    String ingestId = Json.parse(reply.body()).get("ingestId").asText();
    List<Record> rows = rowsOf(ingestId);
    assertThat(rows).hasSize(3);
    List<Object> refs = rows.stream().map(r -> r.getField("raw_ref")).distinct().toList();
    assertThat(refs).hasSize(1);
    String ref = (String) refs.get(0);
    assertThat(ref)
        .startsWith("s3://" + lakehouse.properties().rawBucket() + "/raw/" + user + "/sync/")
        .endsWith(ingestId + ".json");
    assertThat(raw.get(ref)).isEqualTo(body);
  }

  @Test
  void answersWithoutTokenWith401Problem() throws Exception {
    Reply reply =
        client.sync(
            null,
            Json.bytes(syncBody("u-1", List.of(Json.point("steps", 1, "2025-11-20T22:00:00Z")))),
            null);

    assertProblem(reply, 401);
  }

  @Test
  void answersExpiredForeignAudienceAndUnknownKeyTokensWith401() throws Exception {
    byte[] body =
        Json.bytes(syncBody("u-2", List.of(Json.point("heart_rate", 60, "2025-11-20T22:00:00Z"))));

    assertProblem(client.sync(jwks.expiredToken("u-2"), body, null), 401);
    assertProblem(client.sync(jwks.tokenForAudience("u-2", "someone-else"), body, null), 401);
    assertProblem(client.sync(jwks.tokenFromUnknownKey("u-2"), body, null), 401);
    assertProblem(client.sync("not-a-jwt", body, null), 401);
  }

  @Test
  void forbidsWritingForAnotherUserWith403Problem() throws Exception {
    byte[] body =
        Json.bytes(
            syncBody("u-victim", List.of(Json.point("heart_rate", 60, "2025-11-20T22:00:00Z"))));

    Reply reply = client.sync(jwks.token("u-attacker", "user"), body, null);

    JsonNode problem = assertProblem(reply, 403);
    assertThat(problem.get("detail").asText()).contains("u-victim").contains("u-attacker");
  }

  @Test
  void letsServiceAndAdminTokensWriteForOtherUsers() throws Exception {
    String user = "u-" + UUID.randomUUID();
    byte[] body =
        Json.bytes(syncBody(user, List.of(Json.point("heart_rate", 60, "2025-11-20T22:00:00Z"))));

    Reply asService = client.sync(jwks.token("vitalake-cli", "service"), body, null);
    Reply asAdmin = client.sync(jwks.token("operator-1", "admin"), body, null);

    assertThat(asService.status()).as(asService.body()).isEqualTo(202);
    assertThat(asAdmin.status()).as(asAdmin.body()).isEqualTo(202);
    assertThat(rowsOfUser(user)).hasSize(2);
  }

  @Test
  void answersARetryWithTheSameIdempotencyKeyWithTheFirstResultAndStoresNothingTwice()
      throws Exception {
    // given
    String user = "u-" + UUID.randomUUID();
    String token = jwks.token(user, "user");
    byte[] body =
        Json.bytes(
            syncBody(
                user,
                List.of(
                    Json.point("heart_rate", 70, "2025-11-20T21:00:00Z"),
                    Json.point("heart_rate", 999, "2025-11-20T21:00:05Z"),
                    Json.point("heart_rate", 71, "2025-11-20T21:00:10Z"))));
    String key = UUID.randomUUID().toString();

    // when
    Reply first = client.sync(token, body, key);
    Reply retry = client.sync(token, body, key);
    Reply otherBody =
        client.sync(
            token,
            Json.bytes(
                syncBody(user, List.of(Json.point("heart_rate", 50, "2025-11-20T21:00:00Z")))),
            key);

    // then
    assertThat(first.status()).as(first.body()).isEqualTo(202);
    assertThat(retry.status()).isEqualTo(202);
    assertThat(Json.parse(retry.body())).isEqualTo(Json.parse(first.body()));
    assertThat(rowsOfUser(user)).hasSize(2);
    assertProblem(otherBody, 422);
  }

  @Test
  void answersMalformedJsonWith400Problem() throws Exception {
    Reply reply =
        client.sync(
            jwks.token("u-3", "user"),
            "{\"userId\": \"u-3\", \"dataPoints\": [".getBytes(StandardCharsets.UTF_8),
            null);

    JsonNode problem = assertProblem(reply, 400);
    assertThat(problem.get("detail").asText()).contains("body").contains("JSON");
  }

  @Test
  void answersAMissingSourceWith400NamingTheField() throws Exception {
    Map<String, Object> body =
        syncBody("u-4", List.of(Json.point("heart_rate", 60, "2025-11-20T22:00:00Z")));
    body.remove("source");

    JsonNode problem =
        assertProblem(client.sync(jwks.token("u-4", "user"), Json.bytes(body), null), 400);

    assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("source");
  }

  @Test
  void answersABodyAboveTheSizeLimitWith413Problem() throws Exception {
    // the configured limit is 4 MB; a note of 5 MB exceeds it whatever else the body holds
    String filler = "x".repeat(5 * 1024 * 1024);
    byte[] body =
        ("{\"userId\":\"u-5\",\"source\":\"" + filler + "\",\"dataPoints\":[]}")
            .getBytes(StandardCharsets.UTF_8);

    assertProblem(client.sync(jwks.token("u-5", "user"), body, null), 413);
  }

  @Test
  void answersMoreThanTheBatchLimitWith413Problem() throws Exception {
    List<Map<String, Object>> points = new ArrayList<>();
    Instant start = Instant.parse("2025-11-20T00:00:00Z");
    for (int i = 0; i <= 5_000; i++) {
      points.add(Json.point("heart_rate", 60, start.plusSeconds(i).toString()));
    }

    JsonNode problem =
        assertProblem(
            client.sync(jwks.token("u-6", "user"), Json.bytes(syncBody("u-6", points)), null), 413);

    assertThat(problem.get("detail").asText()).contains("5001").contains("5000");
  }

  @Test
  void answersABatchWithoutAnyValidPointWith422ListingEveryIndex() throws Exception {
    String user = "u-" + UUID.randomUUID();
    byte[] body =
        Json.bytes(
            syncBody(
                user,
                List.of(
                    Json.point("heart_rate", 5, "2025-11-20T22:00:00Z"),
                    Json.point("bogus", 1, "2025-11-20T22:00:00Z"))));

    JsonNode problem = assertProblem(client.sync(jwks.token(user, "user"), body, null), 422);

    assertThat(problem.get("errors")).hasSize(2);
    assertThat(problem.get("errors").get(0).get("index").asInt()).isZero();
    assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("dataPoints[0].value");
    assertThat(problem.get("errors").get(1).get("field").asText()).isEqualTo("dataPoints[1].type");
    assertThat(rowsOfUser(user)).isEmpty();
  }

  @Test
  void servesHealthMetricsAndTheOpenApiDocument() throws Exception {
    Reply health = client.get("/health");
    Reply metrics = client.get("/prometheus");
    Reply openApi = client.get("/swagger/vitalake-ingest-api-0.1.yml");

    assertThat(health.status()).isEqualTo(200);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("vitalake_ingest_points_accepted")
        .contains("jvm_compilation_time_ms_total");
    assertThat(openApi.status()).as(openApi.body()).isEqualTo(200);
    assertThat(openApi.body()).contains("/sync").contains("/journal/entries");
  }

  @Test
  void answersAnUnknownRouteWithProblemJson() throws Exception {
    assertProblem(
        client.post(
            "/nope", jwks.token("u-7", "user"), "{}".getBytes(StandardCharsets.UTF_8), null),
        404);
  }

  private static Map<String, Object> syncBody(String user, List<Map<String, Object>> points) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("userId", user);
    body.put("source", "apple_health");
    body.put("device", "Apple Watch Series 9");
    body.put("deviceType", "watch");
    body.put("dataPoints", points);
    return body;
  }

  private List<Record> rowsOf(String ingestId) {
    return scanner.scan(
        LakehouseTables.WEARABLE_SAMPLES.id(), Expressions.equal("ingest_id", ingestId));
  }

  private List<Record> rowsOfUser(String user) {
    return scanner.scan(LakehouseTables.WEARABLE_SAMPLES.id(), Expressions.equal("user_id", user));
  }

  private static JsonNode assertProblem(Reply reply, int status) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    JsonNode problem = Json.parse(reply.body());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("type").asText()).isNotBlank();
    assertThat(problem.get("title").asText()).isNotBlank();
    assertThat(problem.get("detail").asText()).isNotBlank();
    return problem;
  }
}
