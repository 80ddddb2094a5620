package org.vitalake.serving.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** A small HTTP client of the serving API, used by the benchmark and the integration tests. */
public final class ServingClient {

  private final URI base;
  private final HttpClient http;

  /** A response: status, body, and the caching headers the plan endpoint sets. */
  public record Response(
      int status, String body, String contentType, String etag, String cacheControl) {

    public boolean ok() {
      return status == 200;
    }
  }

  public ServingClient(URI base) {
    this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
  }

  public ServingClient(URI base, HttpClient http) {
    String s = base.toString();
    this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    this.http = Objects.requireNonNull(http, "http");
  }

  /** GET {@code pathAndQuery} with a bearer token (none when {@code token} is null). */
  public Response get(String pathAndQuery, String token) {
    return get(pathAndQuery, token, null);
  }

  /** GET with an {@code If-None-Match} header when {@code etag} is not null. */
  public Response get(String pathAndQuery, String token, String etag) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (etag != null) {
      request.header("If-None-Match", etag);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.body(),
          header(response, "Content-Type").orElse(null),
          header(response, "ETag").orElse(null),
          header(response, "Cache-Control").orElse(null));
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + base + pathAndQuery + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during GET " + pathAndQuery, e);
    }
  }

  public URI base() {
    return base;
  }

  private static Optional<String> header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name);
  }
}
