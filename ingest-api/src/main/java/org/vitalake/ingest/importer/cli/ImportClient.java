package org.vitalake.ingest.importer.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.vitalake.ingest.importer.ImportStatusResponse;
import org.vitalake.ingest.importer.UploadResponse;

/** Talks to {@code /imports} of a running ingest API: uploads files and follows imports. */
public final class ImportClient {

  /**
   * Parts of an upload sent at once. Each part waits for its archive write, so the upload is bound
   * by round trips, not by the cores: a 1 GB upload to the local stack took 6.9-8.0 s with 3 in
   * flight, 6.3-7.4 s with 6 and 6.0-6.2 s with 12. Six hold 18 MB of request bodies in the service
   * per upload.
   */
  public static final int PARTS_IN_FLIGHT = 6;

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final URI base;
  private final Supplier<String> token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /**
   * @param base the ingest API, e.g. {@code http://127.0.0.1:8082}
   * @param token supplies a bearer token for each request
   */
  public ImportClient(URI base, Supplier<String> token) {
    this.base = base;
    this.token = token;
  }

  /** A refused request: the HTTP status, the problem's text and the body as answered. */
  public static final class ImportRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String contentType;
    private final String body;

    ImportRequestException(int status, String contentType, String body, String message) {
      super(message);
      this.status = status;
      this.contentType = contentType;
      this.body = body;
    }

    public int status() {
      return status;
    }

    /** The answer's media type, {@code application/problem+json} for a refusal by the service. */
    public String contentType() {
      return contentType;
    }

    /** The answer as sent: the problem document of a refusal. */
    public String body() {
      return body;
    }
  }

  /** What an import request asks for besides the file. */
  public record Target(
      String format, String userId, Map<String, String> userMap, String timeZone) {}

  /** Uploads a file in one {@code multipart/form-data} request (small files). */
  public ImportStatusResponse uploadMultipart(Path file, Target target)
      throws IOException, InterruptedException {
    String boundary = "vitalake-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    field(body, boundary, "format", target.format());
    if (target.userId() != null) {
      field(body, boundary, "userId", target.userId());
    }
    if (target.userMap() != null && !target.userMap().isEmpty()) {
      field(body, boundary, "userMap", JSON.writeValueAsString(target.userMap()));
    }
    if (target.timeZone() != null) {
      field(body, boundary, "timeZone", target.timeZone());
    }
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + file.getFileName()
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    Files.copy(file, body);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        authorized(HttpRequest.newBuilder(base.resolve("/imports")))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build();
    return JSON.treeToValue(send(request, 202), ImportStatusResponse.class);
  }

  /**
   * Uploads a file of any size in parts, each archived as it arrives, then starts its import. Up to
   * {@link #PARTS_IN_FLIGHT} parts are sent at once: the service archives each part before it
   * answers, so one part at a time would leave the connection idle during every archive write.
   *
   * @param sent called with the bytes acknowledged so far, on the calling thread
   */
  public ImportStatusResponse upload(Path file, Target target, java.util.function.LongConsumer sent)
      throws IOException, InterruptedException {
    UploadResponse upload = createUpload(file.getFileName().toString(), target.userId());
    String uploadId = upload.uploadId();
    int partBytes = upload.maxPartBytes();
    ArrayDeque<SentPart> inFlight = new ArrayDeque<>();
    long total = 0;
    try (InputStream in = Files.newInputStream(file)) {
      int part = 0;
      byte[] chunk;
      while ((chunk = in.readNBytes(partBytes)).length > 0 || part == 0) {
        part++;
        if (inFlight.size() == PARTS_IN_FLIGHT) {
          total += inFlight.removeFirst().await();
          sent.accept(total);
        }
        inFlight.addLast(new SentPart(storePartAsync(uploadId, part, chunk), chunk.length));
        if (chunk.length < partBytes) {
          break;
        }
      }
      while (!inFlight.isEmpty()) {
        total += inFlight.removeFirst().await();
        sent.accept(total);
      }
    } finally {
      inFlight.forEach(p -> p.response().cancel(true));
    }
    return startUpload(uploadId, target);
  }

  /** A part on its way, and its size. */
  private record SentPart(CompletableFuture<JsonNode> response, int bytes) {
    /** Waits for the part to be stored; rethrows the service's refusal as it was. */
    int await() throws IOException, InterruptedException {
      try {
        response.get();
        return bytes;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        if (e.getCause() instanceof UncheckedIOException io) {
          throw io.getCause();
        }
        if (e.getCause() instanceof RuntimeException failure) {
          throw failure;
        }
        throw new IOException(e.getCause());
      }
    }
  }

  /**
   * Starts an upload in parts ({@code POST /imports/uploads}).
   *
   * @param userId whose data it is, or {@code null} for the token's subject
   */
  public UploadResponse createUpload(String fileName, String userId)
      throws IOException, InterruptedException {
    Map<String, Object> create = new LinkedHashMap<>();
    create.put("fileName", fileName);
    if (userId != null) {
      create.put("userId", userId);
    }
    return JSON.treeToValue(send(post("/imports/uploads", create), 201), UploadResponse.class);
  }

  /** Sends part {@code part} (1, 2, ...) of an upload, at most its {@code maxPartBytes}. */
  public void storePart(String uploadId, int part, byte[] body)
      throws IOException, InterruptedException {
    send(partRequest(uploadId, part, body), 204);
  }

  private CompletableFuture<JsonNode> storePartAsync(String uploadId, int part, byte[] body) {
    return http.sendAsync(partRequest(uploadId, part, body), HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> checked(response, 204));
  }

  private HttpRequest partRequest(String uploadId, int part, byte[] body) {
    return authorized(
            HttpRequest.newBuilder(base.resolve("/imports/uploads/" + uploadId + "/parts/" + part)))
        .header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  /** Starts importing an upload whose parts were all sent. */
  public ImportStatusResponse startUpload(String uploadId, Target target)
      throws IOException, InterruptedException {
    Map<String, Object> start = new LinkedHashMap<>();
    start.put("format", target.format());
    start.put("uploadId", uploadId);
    if (target.userId() != null) {
      start.put("userId", target.userId());
    }
    if (target.userMap() != null && !target.userMap().isEmpty()) {
      start.put("userMap", target.userMap());
    }
    if (target.timeZone() != null) {
      start.put("timeZone", target.timeZone());
    }
    return JSON.treeToValue(send(post("/imports", start), 202), ImportStatusResponse.class);
  }

  /** The state of an import. */
  public ImportStatusResponse status(String importId) throws IOException, InterruptedException {
    HttpRequest request =
        authorized(HttpRequest.newBuilder(base.resolve("/imports/" + importId))).GET().build();
    return JSON.treeToValue(send(request, 200), ImportStatusResponse.class);
  }

  /** Polls until the import is done or failed, reporting each state to {@code progress}. */
  public ImportStatusResponse await(
      String importId, java.util.function.Consumer<ImportStatusResponse> progress, Duration every)
      throws IOException, InterruptedException {
    while (true) {
      ImportStatusResponse status = status(importId);
      progress.accept(status);
      if (!status.status().equals("running")) {
        return status;
      }
      Thread.sleep(every.toMillis());
    }
  }

  private HttpRequest post(String path, Object body) throws IOException {
    return authorized(HttpRequest.newBuilder(base.resolve(path)))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
        .build();
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
    return builder.timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + token.get());
  }

  private JsonNode send(HttpRequest request, int expected)
      throws IOException, InterruptedException {
    try {
      return checked(http.send(request, HttpResponse.BodyHandlers.ofString()), expected);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The response's JSON body when its status is {@code expected}; otherwise the refusal. */
  private static JsonNode checked(HttpResponse<String> response, int expected) {
    if (response.statusCode() != expected) {
      throw new ImportRequestException(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body(),
          describe(response));
    }
    try {
      return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable answer from " + response.uri(), e);
    }
  }

  /** The problem's detail and field errors, or the raw body. */
  private static String describe(HttpResponse<String> response) {
    String text = response.body();
    try {
      JsonNode problem = JSON.readTree(text);
      StringBuilder message = new StringBuilder("HTTP " + response.statusCode());
      if (problem.hasNonNull("detail")) {
        message.append(": ").append(problem.get("detail").asText());
      }
      for (JsonNode error : problem.path("errors")) {
        message
            .append("\n  ")
            .append(error.path("field").asText())
            .append(": ")
            .append(error.path("reason").asText());
      }
      return message.toString();
    } catch (IOException e) {
      return "HTTP " + response.statusCode() + ": " + text;
    }
  }

  private static void field(ByteArrayOutputStream body, String boundary, String name, String value)
      throws IOException {
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\""
                + name
                + "\"\r\n\r\n"
                + value
                + "\r\n")
            .getBytes(StandardCharsets.UTF_8));
  }
}
