package org.vitalake.serving.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableAppender;
import org.vitalake.lakehouse.TableScanner;
import org.vitalake.serving.BronzeRows;
import org.vitalake.serving.ServingStack;
import org.vitalake.serving.bench.ServingClient;

class SummaryIT {

  private static final Duration GENEROUS = Duration.ofSeconds(30);

  private static ServingStack stack;
  private static TableAppender appender;

  @BeforeAll
  static void startStack() {
    stack = ServingStack.start();
    appender = new TableAppender(stack.lake().lakehouse());
    stack.awaitRealtimeReady();
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void appendedSamplesAndMealsShowInTodaysSummaryCountedOnceAcrossARestart() throws Exception {
    // given
    String user = "fresh-user-1";
    String token = stack.jwks().token(user, "user");
    Instant now = Instant.now();
    int offset = ServingStack.noonOffsetSeconds(now);
    LocalDate localToday = now.atOffset(ZoneOffset.ofTotalSeconds(offset)).toLocalDate();
    Instant t = now.minus(20, ChronoUnit.MINUTES);
    Record steps1 =
        BronzeRows.sample(user, "steps", 1200, t, t.plusSeconds(600), offset, "watch-app");
    Record steps2 =
        BronzeRows.sample(
            user, "steps", 834, t.plusSeconds(600), t.plusSeconds(1200), offset, "watch-app");
    Record heartRate =
        BronzeRows.sample(user, "heart_rate", 71, t.plusSeconds(60), null, offset, "watch-app");
    Record laterHeartRate =
        BronzeRows.sample(user, "heart_rate", 64, t.plusSeconds(900), null, offset, "watch-app");
    Record meal = BronzeRows.meal(user, t, offset, 640.5, 32.0);

    // when
    appender.append(LakehouseTables.WEARABLE_SAMPLES, List.of(steps1, heartRate));
    appender.append(LakehouseTables.WEARABLE_SAMPLES, List.of(steps2, laterHeartRate));
    appender.append(LakehouseTables.WEARABLE_SAMPLES, List.of(BronzeRows.resent(steps1)));
    appender.append(LakehouseTables.JOURNAL_ENTRIES, List.of(meal));

    // then
    long expectedSteps = 1200 + 834;
    Map<String, Object> today =
        stack.awaitJson(
            "/summaries/today",
            token,
            body ->
                body.get("energyInKcal") != null && ((Number) body.get("samples")).longValue() >= 5,
            GENEROUS);
    assertThat(today.get("date")).isEqualTo(localToday.toString());
    assertThat(((Number) today.get("steps")).longValue()).isEqualTo(expectedSteps);
    assertThat(((Number) today.get("energyInKcal")).doubleValue()).isEqualTo(640.5);
    assertThat(((Number) today.get("proteinG")).doubleValue()).isEqualTo(32.0);
    assertThat(((Number) today.get("latestHeartRate")).doubleValue()).isEqualTo(64.0);

    // when the service restarts
    stack.restartService();
    stack.awaitRealtimeReady();

    // then the totals are the same, and the checkpoint names the tables' current snapshots
    Map<String, Object> afterRestart =
        ServingStack.json(stack.client().get("/summaries/today", token).body());
    assertThat(((Number) afterRestart.get("steps")).longValue()).isEqualTo(expectedSteps);
    assertThat(((Number) afterRestart.get("energyInKcal")).doubleValue()).isEqualTo(640.5);
    assertThat(afterRestart.get("samples")).isEqualTo(today.get("samples"));
    // the checkpoint reaches the current snapshot on the next poll at the latest: the re-sent
    // row's commit changes no total, so the service may have been restarted before it read that
    // commit, and then it resumes from the one before
    TableScanner scanner = new TableScanner(stack.lake().lakehouse());
    String current = scanner.status(LakehouseTables.WEARABLE_SAMPLES.id()).snapshotId().toString();
    await()
        .atMost(GENEROUS)
        .untilAsserted(
            () ->
                assertThat(readCheckpoint().getProperty("bronze.wearable_samples"))
                    .isEqualTo(current));

    // when one more sample arrives after the restart
    Record steps3 =
        BronzeRows.sample(
            user, "steps", 99, t.plusSeconds(1200), t.plusSeconds(1260), offset, "watch-app");
    appender.append(LakehouseTables.WEARABLE_SAMPLES, List.of(steps3));

    // then only it is added
    Map<String, Object> continued =
        stack.awaitJson(
            "/summaries/today",
            token,
            body -> ((Number) body.get("steps")).longValue() != expectedSteps,
            GENEROUS);
    assertThat(((Number) continued.get("steps")).longValue()).isEqualTo(expectedSteps + 99);
  }

  private static Properties readCheckpoint() throws IOException {
    Properties checkpoint = new Properties();
    try (var in =
        Files.newBufferedReader(
            stack.home().resolve(Path.of("serving", "bronze-checkpoint.properties")))) {
      checkpoint.load(in);
    }
    return checkpoint;
  }

  @Test
  void aUserSeesOnlyTheirOwnSummaryAndAnAdminAnyones() {
    // given
    ServingClient client = stack.client();
    String alice = stack.jwks().token("alice", "user");
    String admin = stack.jwks().token("admin-1", "admin");
    String analyst = stack.jwks().token("analyst-1", "analyst");
    String scientist = stack.jwks().token("scientist-1", "data_scientist");

    // when / then
    assertThat(client.get("/summaries/today", alice).status()).isEqualTo(200);
    assertThat(client.get("/summaries/today?userId=alice", alice).status()).isEqualTo(200);
    ServingClient.Response other = client.get("/summaries/today?userId=bob", alice);
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.contentType()).startsWith("application/problem+json");
    assertThat(other.body()).contains("alice").contains("bob");
    assertThat(client.get("/summaries/today?userId=bob", admin).status()).isEqualTo(200);
    assertThat(client.get("/summaries/today", analyst).status()).isEqualTo(403);
    assertThat(client.get("/summaries/today", scientist).status()).isEqualTo(403);
    assertThat(client.get("/summaries?userId=bob", admin).status()).isEqualTo(200);
    assertThat(client.get("/summaries?userId=bob", alice).status()).isEqualTo(403);
  }

  @Test
  void requestsWithoutAValidTokenAreUnauthorized() {
    // given
    ServingClient client = stack.client();
    String foreignIssuer = stack.jwks().tokenFrom("someone-else", "vitalake", "alice", "user");
    String foreignAudience =
        stack.jwks().tokenFrom("vitalake-identity", "other-app", "alice", "user");

    // when
    ServingClient.Response noToken = client.get("/summaries/today", null);

    // then
    assertThat(noToken.status()).isEqualTo(401);
    assertThat(noToken.contentType()).startsWith("application/problem+json");
    assertThat(client.get("/summaries/today", "not-a-token").status()).isEqualTo(401);
    assertThat(client.get("/summaries/today", foreignIssuer).status()).isEqualTo(401);
    assertThat(client.get("/summaries/today", foreignAudience).status()).isEqualTo(401);
  }

  @Test
  void anAcceptedTokenDoesNotVouchForATamperedCopyOfIt() {
    // given: alice's token has been accepted, so its validation is remembered
    ServingClient client = stack.client();
    String alice = stack.jwks().token("alice", "user");
    assertThat(client.get("/summaries/today", alice).status()).isEqualTo(200);
    String payload = alice.split("\\.")[1];
    String bobPayload =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(payload))
                    .replace("\"alice\"", "\"bob\"")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    // a character inside the signature (the last one also carries padding bits)
    int inSignature = alice.lastIndexOf('.') + 10;
    char flipped = alice.charAt(inSignature) == 'A' ? 'B' : 'A';

    // when
    String otherSubject = alice.replace(payload, bobPayload);
    String otherSignature =
        alice.substring(0, inSignature) + flipped + alice.substring(inSignature + 1);

    // then
    assertThat(client.get("/summaries/today", alice).status()).isEqualTo(200);
    assertThat(client.get("/summaries/today", otherSubject).status()).isEqualTo(401);
    assertThat(client.get("/summaries/today", otherSignature).status()).isEqualTo(401);
  }

  @Test
  void badDatesAndOverlongRangesAreProblemsNamingTheField() {
    // given
    String alice = stack.jwks().token("alice", "user");

    // when
    ServingClient.Response badDate = stack.client().get("/summaries?from=2026-13-01", alice);
    ServingClient.Response reversed =
        stack.client().get("/summaries?from=2026-03-10&to=2026-03-01", alice);
    ServingClient.Response tooLong =
        stack.client().get("/summaries?from=2024-01-01&to=2026-01-01", alice);

    // then
    assertThat(badDate.status()).isEqualTo(400);
    assertThat(badDate.contentType()).startsWith("application/problem+json");
    assertThat(ServingStack.json(badDate.body()).get("detail").toString()).startsWith("from:");
    assertThat(reversed.status()).isEqualTo(400);
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(ServingStack.json(tooLong.body()).get("detail").toString()).contains("366");
  }

  @Test
  void healthAndPrometheusAnswerWithoutAToken() {
    assertThat(stack.client().get("/health", null).status()).isEqualTo(200);
    ServingClient.Response metrics = stack.client().get("/prometheus", null);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("jvm_memory_used_bytes")
        .contains("vitalake_serving_realtime_ready 1.0");
  }

  @Test
  void theOpenApiDocumentAndSwaggerUiAreServed() {
    ServingClient.Response ui = stack.client().get("/swagger-ui/index.html", null);
    assertThat(ui.status()).isEqualTo(200);
    assertThat(ui.body()).contains("swagger");
  }
}
