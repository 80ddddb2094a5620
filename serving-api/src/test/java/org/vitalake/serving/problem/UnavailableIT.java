package org.vitalake.serving.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vitalake.serving.ServingStack;

/**
 * The service over a catalog that holds none of the tables (as before {@code ./vitalake up} creates
 * them): nothing ever loads, and every route that needs the lakehouse answers 503 with Retry-After.
 */
class UnavailableIT {

  /** Longer than a second and not a whole number of seconds, so rounding shows. */
  private static final Duration GOLD_REFRESH = Duration.ofMillis(2_500);

  private static ServingStack stack;

  @BeforeAll
  static void startStack() {
    stack =
        ServingStack.start(
            Map.of(
                "vitalake.catalog.name",
                "catalog_without_tables",
                "vitalake.serving.realtime.gold-refresh-interval",
                GOLD_REFRESH.toMillis() + "ms"));
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/summaries", "/readiness", "/coaching/plan/me"})
  void a503SaysWhenToRetry(String path) throws Exception {
    // given
    String token = stack.jwks().token("alice", "user");
    long expectedSeconds = (GOLD_REFRESH.toMillis() + 999) / 1000;

    // when
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(stack.client().base() + path))
                    .header("Authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(
            type -> assertThat(type).startsWith(ProblemErrorResponseProcessor.PROBLEM_JSON));
    assertThat(response.headers().firstValue("Retry-After")).contains(expectedSeconds + "");
    assertThat(ServingStack.json(response.body()).get("detail").toString())
        .contains("still being loaded")
        .endsWith("; retry in " + expectedSeconds + " s");
  }
}
