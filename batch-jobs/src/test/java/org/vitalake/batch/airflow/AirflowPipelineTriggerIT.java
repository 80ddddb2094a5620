package org.vitalake.batch.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vitalake.batch.airflow.client.model.DAGRunResponse;
import org.vitalake.batch.airflow.client.model.DagRunState;

/**
 * Drives the generated Airflow client over HTTP against an endpoint that speaks the Airflow 3 REST
 * contract of {@code src/main/openapi/airflow-v2-subset.yaml}. Airflow itself cannot be installed
 * on the build machines (its packages come from PyPI), so this checks what Vitalake sends and how
 * it reads the answers; the DAGs in {@code dags/} are what Airflow runs.
 */
class AirflowPipelineTriggerIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpServer airflow;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Deque<String> runStates = new ArrayDeque<>();
  private volatile boolean paused;
  private volatile String password = "airflow-secret";

  record Request(String method, String path, String authorization, String body) {}

  @BeforeEach
  void startAirflowEndpoint() throws IOException {
    airflow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    airflow.createContext("/", this::handle);
    airflow.start();
  }

  @AfterEach
  void stop() {
    airflow.stop(0);
  }

  @Test
  void triggersTheDagWithALogicalDateAndTheFullFlagUsingABearerToken() {
    // given
    AirflowPipelineTrigger trigger = new AirflowPipelineTrigger(properties());

    // when
    DAGRunResponse run = trigger.trigger(LocalDate.of(2026, 11, 20), true);

    // then
    assertThat(run.getState()).isEqualTo(DagRunState.QUEUED);
    Request post =
        requests.stream()
            .filter(r -> r.method().equals("POST") && r.path().endsWith("/dagRuns"))
            .findFirst()
            .orElseThrow();
    assertThat(post.path()).isEqualTo("/api/v2/dags/vitalake_backfill/dagRuns");
    assertThat(post.authorization()).isEqualTo("Bearer token-for-operator");
    JsonNode body = parse(post.body());
    assertThat(body.has("logical_date"))
        .as("Airflow 3 rejects a body without logical_date")
        .isTrue();
    assertThat(java.time.OffsetDateTime.parse(body.get("logical_date").asText()).toInstant())
        .isEqualTo(LocalDate.of(2026, 11, 20).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
    assertThat(body.get("conf").get("full").asBoolean()).isTrue();
    assertThat(body.get("dag_run_id").asText()).startsWith("vitalake__2026-11-20__full__");
  }

  @Test
  void waitingFollowsTheRunUntilItSucceeds() throws Exception {
    // given
    runStates.addAll(List.of("running", "running", "success"));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    AirflowTriggerCommand command =
        new AirflowTriggerCommand(
            new AirflowPipelineTrigger(properties()),
            new PrintStream(printed, true, StandardCharsets.UTF_8));

    // when
    int exit = command.run(LocalDate.of(2026, 11, 20), false, true);

    // then
    assertThat(exit).isZero();
    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(output)
        .contains("queued")
        .contains(": running")
        .endsWith("success" + System.lineSeparator());
    long polls =
        requests.stream()
            .filter(r -> r.method().equals("GET") && r.path().contains("/dagRuns/"))
            .count();
    assertThat(polls).isEqualTo(3);
  }

  @Test
  void aFailedRunGivesExitCodeOne() throws Exception {
    // given
    runStates.addAll(List.of("failed"));
    AirflowTriggerCommand command =
        new AirflowTriggerCommand(
            new AirflowPipelineTrigger(properties()),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    // when
    int exit = command.run(LocalDate.of(2026, 11, 20), false, true);

    // then
    assertThat(exit).isEqualTo(1);
  }

  @Test
  void refusesToTriggerAPausedDag() {
    // given
    paused = true;

    // when / then
    assertThatThrownBy(
            () ->
                new AirflowPipelineTrigger(properties()).trigger(LocalDate.of(2026, 11, 20), false))
        .hasMessageContaining("vitalake_backfill is paused");
    assertThat(requests).noneMatch(r -> r.method().equals("POST") && r.path().endsWith("/dagRuns"));
  }

  @Test
  void wrongCredentialsSayWhichLoginFailed() {
    // given
    password = "something-else";

    // when / then
    assertThatThrownBy(
            () ->
                new AirflowPipelineTrigger(properties()).trigger(LocalDate.of(2026, 11, 20), false))
        .hasMessageContaining("log in to Airflow as operator")
        .hasMessageContaining("HTTP 401");
  }

  @Test
  void missingConfigurationNamesTheVariable() {
    assertThatThrownBy(() -> AirflowProperties.fromEnvironment(Map.of()))
        .hasMessageContaining("VITALAKE_AIRFLOW_URL");
    assertThatThrownBy(
            () ->
                AirflowProperties.fromEnvironment(
                    Map.of("VITALAKE_AIRFLOW_URL", "http://airflow:8080")))
        .hasMessageContaining("VITALAKE_AIRFLOW_USERNAME");
  }

  private AirflowProperties properties() {
    return new AirflowProperties(
        URI.create("http://127.0.0.1:" + airflow.getAddress().getPort()),
        "operator",
        "airflow-secret",
        AirflowProperties.DEFAULT_DAG,
        Duration.ofMillis(10));
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    requests.add(
        new Request(method, path, exchange.getRequestHeaders().getFirst("Authorization"), body));
    if (method.equals("POST") && path.equals("/auth/token")) {
      JsonNode login = parse(body);
      if (login.get("password").asText().equals(password)) {
        respond(
            exchange,
            201,
            "{\"access_token\":\"token-for-" + login.get("username").asText() + "\"}");
      } else {
        respond(exchange, 401, "{\"detail\":\"Invalid credentials\"}");
      }
      return;
    }
    if (!"Bearer token-for-operator"
        .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      respond(exchange, 401, "{\"detail\":\"Not authenticated\"}");
      return;
    }
    if (method.equals("GET") && path.equals("/api/v2/dags/vitalake_backfill")) {
      respond(exchange, 200, "{\"dag_id\":\"vitalake_backfill\",\"is_paused\":" + paused + "}");
    } else if (method.equals("POST") && path.equals("/api/v2/dags/vitalake_backfill/dagRuns")) {
      JsonNode trigger = parse(body);
      respond(exchange, 200, run(trigger.get("dag_run_id").asText(), "queued"));
    } else if (method.equals("GET") && path.startsWith("/api/v2/dags/vitalake_backfill/dagRuns/")) {
      String state = runStates.isEmpty() ? "queued" : runStates.poll();
      respond(exchange, 200, run(path.substring(path.lastIndexOf('/') + 1), state));
    } else {
      respond(exchange, 404, "{\"detail\":\"Not Found\"}");
    }
  }

  private static String run(String runId, String state) {
    return "{\"dag_run_id\":\""
        + runId
        + "\",\"dag_id\":\"vitalake_backfill\",\"state\":\""
        + state
        + "\",\"run_type\":\"manual\",\"logical_date\":\"2026-11-20T00:00:00Z\",\"conf\":{}}";
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }
}
