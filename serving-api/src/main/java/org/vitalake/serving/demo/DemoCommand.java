package org.vitalake.serving.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The app-user side of {@code ./vitalake demo}: creates the dataset participants' accounts before
 * their data is imported, then signs in as each of them and prints the plan serving-api publishes
 * for the last day their data covers.
 *
 * <p>Participants are platform users mapped from a dataset's own ids ({@code fitabase:1503960366})
 * through identity's {@code POST /users/external}. Their passwords are derived from the local
 * service secret ({@code VITALAKE_SERVICE_TOKEN_SECRET}, generated into {@code .vitalake}), so the
 * demo can sign in as them without storing passwords anywhere.
 */
public final class DemoCommand {

  private static final String USAGE =
      """
      usage: accounts [--time-zone ZONE] <system:id>...       create the participants' accounts
             plans --from YYYY-MM-DD --to YYYY-MM-DD <system:id>...
                                                             sign in as each and print the plan
                                                             for the last day with data""";

  private static final String CLIENT_ID = "vitalake-cli";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI identity;
  private final URI serving;
  private final String serviceSecret;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final PrintStream out;

  DemoCommand(URI identity, URI serving, String serviceSecret, PrintStream out) {
    this.identity = identity;
    this.serving = serving;
    this.serviceSecret = serviceSecret;
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** Runs one subcommand; returns the exit code (0 ok, 1 failed, 2 bad usage). */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String secret = env.get("VITALAKE_SERVICE_TOKEN_SECRET");
    if (secret == null || secret.isBlank()) {
      err.println("vitalake demo: VITALAKE_SERVICE_TOKEN_SECRET is not set (./vitalake sets it)");
      return 2;
    }
    DemoCommand demo =
        new DemoCommand(
            URI.create(env.getOrDefault("VITALAKE_IDENTITY_URL", "http://127.0.0.1:8081")),
            URI.create(env.getOrDefault("VITALAKE_SERVING_URL", "http://127.0.0.1:8083")),
            secret,
            out);
    try {
      if (args.length >= 2 && args[0].equals("accounts")) {
        boolean zoned = args.length >= 4 && args[1].equals("--time-zone");
        ZoneId zone = zoned ? ZoneId.of(args[2]) : null;
        demo.createAccounts(participants(List.of(args).subList(zoned ? 3 : 1, args.length)), zone);
        return 0;
      }
      if (args.length >= 6
          && args[0].equals("plans")
          && args[1].equals("--from")
          && args[3].equals("--to")) {
        LocalDate from = LocalDate.parse(args[2]);
        LocalDate to = LocalDate.parse(args[4]);
        demo.printPlans(participants(List.of(args).subList(5, args.length)), from, to);
        return 0;
      }
      err.println(USAGE);
      return 2;
    } catch (IllegalArgumentException | DateTimeException e) {
      err.println("vitalake demo: " + e.getMessage());
      return 2;
    } catch (DemoException e) {
      err.println("vitalake demo: " + e.getMessage());
      return 1;
    }
  }

  /** A dataset participant: the dataset ({@code system}) and its own id for the person. */
  record Participant(String system, String externalId) {
    Participant {
      if (!system.matches("[a-z][a-z0-9-]{0,31}") || !externalId.matches("[A-Za-z0-9_-]{1,64}")) {
        throw new IllegalArgumentException(
            "participant '" + system + ":" + externalId + "' must look like fitabase:1503960366");
      }
    }

    String email() {
      return system + "." + externalId + "@participants.vitalake.invalid";
    }

    @Override
    public String toString() {
      return system + ":" + externalId;
    }
  }

  static List<Participant> participants(List<String> args) {
    List<Participant> participants = new ArrayList<>();
    for (String arg : args) {
      int colon = arg.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "participant '" + arg + "' must look like fitabase:1503960366");
      }
      participants.add(new Participant(arg.substring(0, colon), arg.substring(colon + 1)));
    }
    return participants;
  }

  /** A password only the holder of the local service secret can derive. */
  static String derivePassword(String secret, Participant participant) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal(("demo-login:" + participant).getBytes(StandardCharsets.UTF_8));
      return "Vl-" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
    }
  }

  void createAccounts(List<Participant> participants, ZoneId timeZone) {
    String serviceToken = serviceToken();
    int created = 0;
    for (Participant participant : participants) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("system", participant.system());
      body.put("externalId", participant.externalId());
      body.put("password", derivePassword(serviceSecret, participant));
      if (timeZone != null) {
        body.put("timeZone", timeZone.getId());
      }
      JsonNode answer = send(post(identity, "/users/external", body, serviceToken), 200, 201);
      if (answer.path("created").asBoolean()) {
        created++;
      }
    }
    out.printf(
        "  %d participant accounts ready (%d new): %s%n",
        participants.size(), created, participants);
  }

  void printPlans(List<Participant> participants, LocalDate from, LocalDate to) {
    for (Participant participant : participants) {
      String token = login(participant);
      JsonNode history = send(get(serving, "/summaries?from=" + from + "&to=" + to, token), 200);
      LocalDate lastDay = null;
      for (JsonNode day : history.path("days")) {
        if (!day.path("steps").isNull() || !day.path("sleepMinutes").isNull()) {
          LocalDate date = LocalDate.parse(day.path("date").asText());
          lastDay = lastDay == null || date.isAfter(lastDay) ? date : lastDay;
        }
      }
      out.println();
      if (lastDay == null) {
        out.printf(
            "%s (user %s): no daily metrics between %s and %s yet%n",
            participant, history.path("userId").asText(), from, to);
        continue;
      }
      HttpResponse<String> plan =
          exchange(get(serving, "/coaching/plan/me?date=" + lastDay, token));
      if (plan.statusCode() != 200) {
        out.printf("%s: no plan for %s: %s%n", participant, lastDay, problemDetail(plan.body()));
        continue;
      }
      new PlanPrinter(out).print(participant.toString(), lastDay, parse(plan.body()));
    }
  }

  private String login(Participant participant) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("email", participant.email());
    body.put("password", derivePassword(serviceSecret, participant));
    JsonNode answer = send(post(identity, "/login", body, null), 200);
    return answer.path("token").asText();
  }

  private String serviceToken() {
    String form =
        "grant_type=client_credentials&client_id="
            + CLIENT_ID
            + "&client_secret="
            + URLEncoder.encode(serviceSecret, StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(identity.resolve("/oauth/token"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    return send(request, 200).path("token").asText();
  }

  private static HttpRequest post(URI base, String path, Object body, String token) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      return request.build();
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a map of strings", e);
    }
  }

  private static HttpRequest get(URI base, String path, String token) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .GET()
        .build();
  }

  private JsonNode send(HttpRequest request, int... expected) {
    HttpResponse<String> response = exchange(request);
    for (int status : expected) {
      if (response.statusCode() == status) {
        return parse(response.body());
      }
    }
    throw new DemoException(
        request.method()
            + " "
            + request.uri()
            + " answered HTTP "
            + response.statusCode()
            + ": "
            + problemDetail(response.body()));
  }

  private HttpResponse<String> exchange(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new DemoException(
          request.uri().getHost() + ":" + request.uri().getPort() + " is unreachable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoException("interrupted while calling " + request.uri());
    }
  }

  private static JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      throw new DemoException("the answer is not JSON: " + body);
    }
  }

  private static String problemDetail(String body) {
    try {
      JsonNode problem = JSON.readTree(body);
      return problem.hasNonNull("detail") ? problem.get("detail").asText() : body;
    } catch (IOException | RuntimeException e) {
      return body;
    }
  }

  /** A call to a service failed; the message names the call and the answer. */
  static final class DemoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DemoException(String message) {
      super(message);
    }
  }
}
