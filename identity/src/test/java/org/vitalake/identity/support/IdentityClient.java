package org.vitalake.identity.support;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Drives the identity API over HTTP the way its clients do, returning every status as a {@link
 * Reply}.
 */
public final class IdentityClient {

  /** A password that satisfies the policy. */
  public static final String PASSWORD = "correct-Horse-battery-9";

  private static final Argument<Map<String, Object>> JSON =
      Argument.mapOf(String.class, Object.class);

  private final BlockingHttpClient http;

  public IdentityClient(HttpClient client) {
    this.http = client.toBlocking();
  }

  /** An email no other test uses. */
  public static String uniqueEmail(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }

  public Reply register(String name, String email, String password) {
    return send(
        HttpRequest.POST("/register", Map.of("name", name, "email", email, "password", password)));
  }

  /** A registration as forwarded by a proxy for {@code forwardedFor}. */
  public Reply register(String name, String email, String password, String forwardedFor) {
    return send(
        HttpRequest.POST("/register", Map.of("name", name, "email", email, "password", password))
            .header("X-Forwarded-For", forwardedFor));
  }

  /** Registers a user with a fresh email and returns {@code {id, email, token, refreshToken}}. */
  public Session registerAndLogin(String name) {
    String email = uniqueEmail(name.toLowerCase().replace(' ', '-'));
    Reply registered = register(name, email, PASSWORD);
    if (registered.status() != 201) {
      throw new IllegalStateException("registration failed: " + registered);
    }
    Reply login = login(email, PASSWORD);
    if (login.status() != 200) {
      throw new IllegalStateException("login failed: " + login);
    }
    return new Session(
        registered.text("id"), email, login.text("token"), login.text("refreshToken"));
  }

  /** A logged-in user. */
  public record Session(String id, String email, String token, String refreshToken) {}

  public Reply login(String email, String password) {
    return send(HttpRequest.POST("/login", Map.of("email", email, "password", password)));
  }

  public Reply login(String email, String password, String forwardedFor) {
    return send(
        HttpRequest.POST("/login", Map.of("email", email, "password", password))
            .header("X-Forwarded-For", forwardedFor));
  }

  public Reply refresh(String refreshToken) {
    return send(HttpRequest.POST("/token/refresh", Map.of("refreshToken", refreshToken)));
  }

  public Reply serviceToken(String clientId, String secret) {
    return send(serviceTokenRequest(clientId, secret));
  }

  /** A client-credentials request as forwarded by a proxy for {@code forwardedFor}. */
  public Reply serviceToken(String clientId, String secret, String forwardedFor) {
    return send(serviceTokenRequest(clientId, secret).header("X-Forwarded-For", forwardedFor));
  }

  private static MutableHttpRequest<String> serviceTokenRequest(String clientId, String secret) {
    return HttpRequest.POST(
            "/oauth/token",
            "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
  }

  public Reply get(String path, String token) {
    return send(authorized(HttpRequest.GET(path), token));
  }

  public Reply put(String path, Object body, String token) {
    return send(authorized(HttpRequest.PUT(path, body), token));
  }

  public Reply post(String path, Object body, String token) {
    return send(authorized(HttpRequest.POST(path, body), token));
  }

  public Reply delete(String path, String token) {
    return send(authorized(HttpRequest.DELETE(path), token));
  }

  /** Any request; 4xx and 5xx come back as replies, not exceptions. */
  public Reply send(MutableHttpRequest<?> request) {
    try {
      HttpResponse<Map<String, Object>> response = http.exchange(request, JSON);
      return new Reply(response.code(), response.getBody().orElse(Map.of()), response.getHeaders());
    } catch (HttpClientResponseException e) {
      Map<String, Object> body = e.getResponse().getBody(JSON).orElseGet(LinkedHashMap::new);
      return new Reply(e.getStatus().getCode(), body, e.getResponse().getHeaders());
    }
  }

  /** The raw JSON text of a GET, for documents that are not objects of fields. */
  public String getText(String path) {
    return http.retrieve(HttpRequest.GET(path), String.class);
  }

  private static <T> MutableHttpRequest<T> authorized(MutableHttpRequest<T> request, String token) {
    return token == null ? request : request.bearerAuth(token);
  }
}
