package org.vitalake.identity.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.vitalake.identity.support.IdentityClient;
import org.vitalake.identity.support.IdentityClient.Session;
import org.vitalake.identity.support.Reply;
import org.vitalake.identity.support.ServerProperties;

/** Registration, login and the user's own record against the real server and an H2 file. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountIT implements TestPropertyProvider {

  @Inject
  @Client("/")
  HttpClient http;

  IdentityClient client;

  @Override
  public Map<String, String> getProperties() {
    return ServerProperties.forHome(ServerProperties.newHome());
  }

  @BeforeAll
  void createClient() {
    client = new IdentityClient(http);
  }

  @Test
  void registersLogsInAndReadsOwnRecord() {
    // given
    String email = IdentityClient.uniqueEmail("ada");
    Map<String, Object> body =
        Map.of(
            "name",
            "Ada Lovelace",
            "email",
            email,
            "password",
            IdentityClient.PASSWORD,
            "dateOfBirth",
            "1990-04-21",
            "sex",
            "female",
            "heightCm",
            168.5,
            "weightKg",
            61.0,
            "timeZone",
            "Europe/London",
            "preferences",
            Map.of("goals", List.of("sleep_better"), "units", "metric"));

    // when
    Reply registered = client.send(HttpRequest.POST("/register", body));
    Reply login = client.login(email.toUpperCase(), IdentityClient.PASSWORD);
    Reply me = client.get("/users/me", login.text("token"));

    // then
    assertThat(registered.status()).isEqualTo(201);
    assertThat(registered.body())
        .containsKeys("id", "name", "email", "dateOfBirth", "preferences", "roles", "createdAt")
        .doesNotContainKeys("password", "passwordHash");
    assertThat(registered.headers().get("Location")).isEqualTo("/users/" + registered.text("id"));
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.body()).containsKeys("token", "refreshToken", "expiresIn");
    assertThat(((Number) login.body().get("expiresIn")).longValue()).isEqualTo(15 * 60);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body())
        .containsEntry("id", registered.text("id"))
        .containsEntry("name", "Ada Lovelace")
        .containsEntry("email", email)
        .containsEntry("dateOfBirth", "1990-04-21")
        .containsEntry("sex", "female")
        .containsEntry("heightCm", 168.5)
        .containsEntry("timeZone", "Europe/London")
        .containsEntry("roles", List.of("user"));
    assertThat(me.object("preferences")).containsEntry("goals", List.of("sleep_better"));
  }

  @Test
  void rejectsDuplicateEmailWithConflict() {
    // given
    String email = IdentityClient.uniqueEmail("dup");
    client.register("First", email, IdentityClient.PASSWORD);

    // when
    Reply second = client.register("Second", email.toUpperCase(), IdentityClient.PASSWORD);

    // then
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.contentType()).isEqualTo("application/problem+json");
    assertThat(second.problemFields()).containsExactly("email");
  }

  @Test
  void rejectsWeakPasswordNamingTheField() {
    // when
    Reply tooShort = client.register("Weak", IdentityClient.uniqueEmail("weak"), "Ab1");
    Reply oneClass = client.register("Weak", IdentityClient.uniqueEmail("weak"), "abcdefghijkl");

    // then
    for (Reply reply : List.of(tooShort, oneClass)) {
      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.contentType()).isEqualTo("application/problem+json");
      assertThat(reply.problemFields()).containsExactly("password");
      assertThat(reply.text("detail")).startsWith("password: ");
    }
  }

  @Test
  void rejectsInvalidFieldsNamingEach() {
    // given
    String email = IdentityClient.uniqueEmail("bad");
    Map<String, Map<String, Object>> cases =
        Map.of(
            "email",
                Map.of("name", "X", "email", "not-an-email", "password", IdentityClient.PASSWORD),
            "name",
                Map.of(
                    "name", "x".repeat(101), "email", email, "password", IdentityClient.PASSWORD),
            "timeZone",
                Map.of(
                    "name",
                    "X",
                    "email",
                    email,
                    "password",
                    IdentityClient.PASSWORD,
                    "timeZone",
                    "Mars/Olympus"),
            "heightCm",
                Map.of(
                    "name",
                    "X",
                    "email",
                    email,
                    "password",
                    IdentityClient.PASSWORD,
                    "heightCm",
                    400),
            "weightKg",
                Map.of(
                    "name",
                    "X",
                    "email",
                    email,
                    "password",
                    IdentityClient.PASSWORD,
                    "weightKg",
                    5),
            "dateOfBirth",
                Map.of(
                    "name",
                    "X",
                    "email",
                    email,
                    "password",
                    IdentityClient.PASSWORD,
                    "dateOfBirth",
                    "21/04/1990"),
            "sex",
                Map.of(
                    "name",
                    "X",
                    "email",
                    email,
                    "password",
                    IdentityClient.PASSWORD,
                    "sex",
                    "robot"));

    cases.forEach(
        (field, body) -> {
          // when
          Reply reply = client.send(HttpRequest.POST("/register", body));

          // then
          assertThat(reply.status()).as(field).isEqualTo(400);
          assertThat(reply.problemFields()).as(field).containsExactly(field);
        });
  }

  @Test
  void rejectsAnotherUsersRecordWithoutRevealingIt() {
    // given
    Session alice = client.registerAndLogin("Alice");
    Session bob = client.registerAndLogin("Bob");

    // when
    Reply read = client.get("/users/" + alice.id(), bob.token());
    Reply write = client.put("/users/" + alice.id(), Map.of("name", "Mallory"), bob.token());

    // then
    assertThat(read.status()).isEqualTo(403);
    assertThat(read.body()).doesNotContainKeys("email", "name");
    assertThat(read.toString()).doesNotContain(alice.email());
    assertThat(write.status()).isEqualTo(403);
    assertThat(client.get("/users/me", alice.token()).text("name")).isEqualTo("Alice");
  }

  @Test
  void updatesOwnProfileFields() {
    // given
    Session user = client.registerAndLogin("Grace");

    // when
    Reply updated =
        client.put(
            "/users/" + user.id(),
            Map.of("weightKg", 70.5, "timeZone", "America/New_York"),
            user.token());

    // then
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.body())
        .containsEntry("weightKg", 70.5)
        .containsEntry("timeZone", "America/New_York")
        .containsEntry("name", "Grace");
  }

  @Test
  void requiresATokenForUserRecords() {
    // when
    Reply anonymous = client.get("/users/me", null);

    // then
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.contentType()).isEqualTo("application/problem+json");
  }

  @Test
  void rejectsWrongPasswordWithoutSayingWhichPartWasWrong() {
    // given
    Session user = client.registerAndLogin("Wrong");

    // when
    Reply wrongPassword = client.login(user.email(), "Not-the-password-1");
    Reply unknownEmail = client.login(IdentityClient.uniqueEmail("nobody"), "Not-the-password-1");

    // then
    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(unknownEmail.status()).isEqualTo(401);
    assertThat(wrongPassword.text("detail")).isEqualTo(unknownEmail.text("detail"));
  }

  @Test
  void answersMalformedRequestsWithProblemDocuments() {
    // when
    Reply badJson =
        client.send(
            HttpRequest.POST("/register", "{\"name\": ")
                .contentType(MediaType.APPLICATION_JSON_TYPE));
    Reply wrongType =
        client.send(HttpRequest.POST("/register", "name=x").contentType(MediaType.TEXT_PLAIN_TYPE));
    Reply unknownRoute = client.get("/no/such/route", null);

    // then
    assertThat(badJson.status()).isEqualTo(400);
    assertThat(badJson.contentType()).isEqualTo("application/problem+json");
    assertThat(wrongType.status()).isEqualTo(415);
    assertThat(wrongType.contentType()).isEqualTo("application/problem+json");
    assertThat(unknownRoute.status()).isIn(401, 404);
    assertThat(unknownRoute.contentType()).isEqualTo("application/problem+json");
  }

  @Test
  void servesHealthAndOpenApi() {
    // when
    Reply health = client.get("/health", null);
    String openApi = client.getText("/swagger/vitalake-identity-0.1.yml");

    // then
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.text("status")).isEqualTo("UP");
    assertThat(openApi).contains("/register", "/login", "/.well-known/jwks.json");
  }

  @Test
  void letsAnAdminGrantRoles() {
    // given
    Session user = client.registerAndLogin("Analyst");
    String admin =
        client.login(ServerProperties.ADMIN_EMAIL, ServerProperties.ADMIN_PASSWORD).text("token");

    // when
    Reply byUser =
        client.put(
            "/users/" + user.id() + "/roles", Map.of("roles", List.of("admin")), user.token());
    Reply byAdmin =
        client.put(
            "/users/" + user.id() + "/roles", Map.of("roles", List.of("user", "analyst")), admin);
    Reply relogin = client.login(user.email(), IdentityClient.PASSWORD);

    // then
    assertThat(byUser.status()).isEqualTo(403);
    assertThat(byAdmin.status()).isEqualTo(200);
    assertThat(byAdmin.list("roles")).containsExactly("user", "analyst");
    assertThat(client.get("/users/me", relogin.text("token")).list("roles"))
        .containsExactly("user", "analyst");
    assertThat(client.get("/users/" + user.id(), admin).text("email")).isEqualTo(user.email());
  }
}
