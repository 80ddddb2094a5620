package org.vitalake.ingest.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/** A small client of the ingest API on the JDK's HTTP client, used by the benchmark and tests. */
public final class IngestClient {

  /**
   * An answer of the service.
   *
   * @param status HTTP status
   * @param contentType the Content-Type header, or an empty string
   * @param body the body as text
   */
  public record Reply(int status, String contentType, String body) {}

  private final URI base;
  private final HttpClient http;

  public IngestClient(URI base, HttpClient http) {
    this.base = Objects.requireNonNull(base, "base");
    this.http = Objects.requireNonNull(http, "http");
  }

  /** A client with its own HTTP/1.1 connection pool. */
  public static IngestClient create(URI base) {
    return new IngestClient(
        base,
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build());
  }

  /** {@code POST /sync}; {@code token} and {@code idempotencyKey} may be null. */
  public Reply sync(String token, byte[] body, String idempotencyKey)
      throws IOException, InterruptedException {
    return post("/sync", token, body, idempotencyKey);
  }

  /** {@code POST /journal/entries}. */
  public Reply createJournalEntry(String token, byte[] body, String idempotencyKey)
      throws IOException, InterruptedException {
    return post("/journal/entries", token, body, idempotencyKey);
  }

  /** {@code POST path} with a JSON body. */
  public Reply post(String path, String token, byte[] body, String idempotencyKey)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofMinutes(2))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return send(request.build());
  }

  /** {@code GET path}, without a token. */
  public Reply get(String path) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build());
  }

  private Reply send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Reply(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body());
  }
}
