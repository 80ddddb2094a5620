package org.vitalake.ingest.importer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Talks to the identity service for the importer: a service token by the client-credentials grant,
 * and the platform user of each dataset participant.
 */
public final class IdentityClient {

  static final String CLIENT_ID = "vitalake-cli";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String clientSecret;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private String token;
  private Instant renewAt = Instant.MIN;

  public IdentityClient(URI base, String clientSecret) {
    this.base = base;
    this.clientSecret = clientSecret;
  }

  /** A valid service token, fetched again shortly before the last one expires. */
  public synchronized String serviceToken() {
    if (token == null || Instant.now().isAfter(renewAt)) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("grant_type", "client_credentials");
      body.put("client_id", CLIENT_ID);
      body.put("client_secret", clientSecret);
      JsonNode response = post("/oauth/token", body, null);
      token = response.path("token").asText(response.path("access_token").asText(null));
      if (token == null || token.isEmpty()) {
        throw new IllegalStateException("identity answered /oauth/token without a token");
      }
      long expiresIn = response.path("expiresIn").asLong(response.path("expires_in").asLong(300));
      renewAt = Instant.now().plusSeconds(Math.max(10, expiresIn - 60));
    }
    return token;
  }

  /**
   * The platform user id of a dataset participant, created when absent; the same participant always
   * maps to the same user.
   */
  public String findOrCreateUser(String system, String externalId, String timeZone) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("system", system);
    body.put("externalId", externalId);
    if (timeZone != null) {
      body.put("timeZone", timeZone);
    }
    return post("/users/external", body, serviceToken()).path("id").asText();
  }

  private JsonNode post(String path, Object body, String bearer) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      if (bearer != null) {
        request.header("Authorization", "Bearer " + bearer);
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "identity "
                + path
                + " answered HTTP "
                + response.statusCode()
                + ": "
                + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot reach identity at " + base + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling identity", e);
    }
  }
}
