package org.vitalake.ingest.bench;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A small client of the ingest API, used by the benchmark and tests.
 *
 * <p>Calls are synchronous on the caller's thread (OkHttp), over a pool of keep-alive HTTP/1.1
 * connections. The benchmark runs on the same cores as the service it measures, so the client must
 * cost little; the JDK's {@code HttpClient} hands every exchange between its selector thread, an
 * executor and the caller, which costs CPU the service would otherwise have. A request is never
 * sent twice by the client itself ({@code retryOnConnectionFailure} off): a caller that retries
 * does so knowingly, with an Idempotency-Key.
 */
public final class IngestClient {

  private static final MediaType JSON = MediaType.get("application/json");

  /**
   * An answer of the service.
   *
   * @param status HTTP status
   * @param contentType the Content-Type header, or an empty string
   * @param body the body as text
   */
  public record Reply(int status, String contentType, String body) {}

  private final URI base;
  private final OkHttpClient http;

  private IngestClient(URI base, OkHttpClient http) {
    this.base = Objects.requireNonNull(base, "base");
    this.http = Objects.requireNonNull(http, "http");
  }

  /** A client keeping up to {@code connections} idle connections open. */
  public static IngestClient create(URI base, int connections) {
    return new IngestClient(
        base,
        new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(connections, 5, TimeUnit.MINUTES))
            .connectTimeout(Duration.ofSeconds(10))
            .callTimeout(Duration.ofMinutes(2))
            .readTimeout(Duration.ofMinutes(2))
            .retryOnConnectionFailure(false)
            .build());
  }

  /** A client for a few concurrent callers. */
  public static IngestClient create(URI base) {
    return create(base, 16);
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
    Request.Builder request =
        new Request.Builder()
            .url(base.resolve(path).toString())
            .post(RequestBody.create(body, JSON));
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
    return send(new Request.Builder().url(base.resolve(path).toString()).get().build());
  }

  private Reply send(Request request) throws IOException, InterruptedException {
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      return new Reply(
          response.code(), response.header("Content-Type", ""), body == null ? "" : body.string());
    } catch (InterruptedIOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException(e.getMessage());
      }
      throw e;
    }
  }

  /** Closes idle connections and stops the client's threads. */
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
