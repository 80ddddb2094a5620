package org.vitalake.serving.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vitalake.serving.ServingStack;
import org.vitalake.serving.bench.ServingClient;

class ProblemResponsesIT {

  private static ServingStack stack;

  @BeforeAll
  static void startStack() {
    stack = ServingStack.start();
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void a401SaysNoTokenWasSent() {
    Map<String, Object> problem = problem(stack.client().get("/summaries/today", null), 401);

    assertThat(problem.get("detail").toString())
        .startsWith("no bearer token was sent")
        .contains("Authorization: Bearer");
  }

  @Test
  void a401SaysWhichCheckTheTokenFailed() {
    // given
    String expired = stack.jwks().expiredToken("alice", "user");
    String foreignIssuer = stack.jwks().tokenFrom("someone-else", "vitalake", "alice", "user");
    String foreignAudience =
        stack.jwks().tokenFrom("vitalake-identity", "other-app", "alice", "user");
    String alice = stack.jwks().token("alice", "user");
    int inSignature = alice.lastIndexOf('.') + 10;
    String badSignature =
        alice.substring(0, inSignature)
            + (alice.charAt(inSignature) == 'A' ? 'B' : 'A')
            + alice.substring(inSignature + 1);

    // when / then
    assertThat(detail401("not-a-token")).contains("rejected").contains("not a JWT");
    assertThat(detail401(expired)).contains("rejected").contains("expired at");
    assertThat(detail401(foreignIssuer)).contains("issued by 'someone-else'");
    assertThat(detail401(foreignAudience)).contains("audience").contains("other-app");
    assertThat(detail401(badSignature)).contains("signature");
  }

  @Test
  void a401SaysWhenTheAuthorizationHeaderHoldsNoBearerToken() throws Exception {
    // given
    String basic =
        Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(stack.client().base() + "/summaries/today"))
            .header("Authorization", "Basic " + basic)
            .build();

    // when
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(ServingStack.json(response.body()).get("detail").toString())
        .startsWith("the Authorization header holds no bearer token");
  }

  @Test
  void a403FromTheSecurityFilterNamesTheTokensRolesAndTheRolesTheRouteNeeds() {
    String alice = stack.jwks().token("alice", "user");

    Map<String, Object> problem = problem(stack.client().get("/test/admin-only", alice), 403);

    assertThat(problem.get("detail").toString())
        .isEqualTo(
            "the token's roles [user] do not allow this request; it needs one of the roles"
                + " [admin, service]");
  }

  @Test
  void a403FromTheAccessPolicyKeepsItsOwnReason() {
    String alice = stack.jwks().token("alice", "user");

    Map<String, Object> problem =
        problem(stack.client().get("/summaries/today?userId=bob", alice), 403);

    assertThat(problem.get("detail").toString()).contains("alice").contains("bob");
  }

  @Test
  void aServiceClientWhoseIdIsNotAUserIdGets400NamingTheSubject() {
    String etl = stack.jwks().token("etl@corp", "service");

    Map<String, Object> problem = problem(stack.client().get("/summaries/today", etl), 400);

    assertThat(problem.get("detail").toString())
        .startsWith("sub: the token's subject is not a user id")
        .contains("etl@corp");
  }

  private static String detail401(String token) {
    return problem(stack.client().get("/summaries/today", token), 401).get("detail").toString();
  }

  private static Map<String, Object> problem(ServingClient.Response response, int status) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith(ProblemErrorResponseProcessor.PROBLEM_JSON);
    Map<String, Object> problem = ServingStack.json(response.body());
    assertThat(problem.get("status")).isEqualTo(status);
    return problem;
  }
}
