package org.vitalake.ingest.idempotency;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.vitalake.core.id.IngestId;
import org.vitalake.core.id.UserId;
import org.vitalake.ingest.IngestProperties;
import org.vitalake.ingest.archive.ArchiveService;
import org.vitalake.ingest.problem.Problem;
import org.vitalake.ingest.problem.ProblemException;
import org.vitalake.ingest.problem.ProblemTypes;

/**
 * Answers a retried request (same user, same {@code Idempotency-Key}) with the first request's
 * result, storing nothing twice, also across restarts.
 *
 * <p>In one process, requests with the same key share one future (in flight or done), kept in a
 * bounded LRU map. Across restarts: the ingest id of a keyed request is derived from (kind, user,
 * key), and before its commit the response is written next to the user's raw payloads. A retry that
 * misses the map reads that record and asks bronze whether rows with that ingest id exist: if so it
 * gets the recorded response, otherwise the first attempt never committed and the request runs
 * again with the same ingest id. Keys older than {@link IngestProperties#getIdempotencyWindow()}
 * are forgotten.
 */
@Singleton
public class IdempotencyService {

  /** Longest accepted {@code Idempotency-Key}. */
  public static final int MAX_KEY_LENGTH = 255;

  private final ArchiveService archive;
  private final IngestLedger ledger;
  private final ObjectMapper json;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Entry> recent;

  private record Entry(String bodySha256, CompletableFuture<Object> result) {}

  /** One attempt at a request: the ingest id to use and the hook that records its response. */
  public interface Attempt<R> {

    /** The ingest id the request's rows must carry. */
    IngestId ingestId();

    /**
     * Records the response the request will get; call after archiving and before submitting the
     * commit (does nothing for requests without a key).
     */
    void recordPending(R response, Instant receivedAt);
  }

  public IdempotencyService(
      ArchiveService archive, IngestLedger ledger, ObjectMapper json, IngestProperties properties) {
    this(archive, ledger, json, properties, Clock.systemUTC());
  }

  IdempotencyService(
      ArchiveService archive,
      IngestLedger ledger,
      ObjectMapper json,
      IngestProperties properties,
      Clock clock) {
    this.archive = archive;
    this.ledger = ledger;
    this.json = json;
    this.window = properties.getIdempotencyWindow();
    this.clock = clock;
    int maxEntries = properties.getIdempotencyMaxEntries();
    this.recent =
        new LinkedHashMap<>(1024, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > maxEntries;
          }
        };
  }

  /**
   * Runs {@code action} once per (kind, user, key); without a key it simply runs it with a fresh
   * ingest id.
   *
   * @param body the request body, so a key reused with another body is refused (422)
   */
  public <R> CompletableFuture<R> execute(
      String kind,
      UserId user,
      @Nullable String key,
      byte[] body,
      Class<R> type,
      Function<Attempt<R>, CompletableFuture<R>> action) {
    if (key == null) {
      return action.apply(new Unkeyed<>(IngestId.random()));
    }
    requireValidKey(key);
    String bodySha256 = sha256(body);
    String cacheKey = kind + '\n' + user.value() + '\n' + key;
    Entry mine = new Entry(bodySha256, new CompletableFuture<>());
    Entry existing;
    synchronized (recent) {
      existing = recent.get(cacheKey);
      if (existing == null) {
        recent.put(cacheKey, mine);
      }
    }
    if (existing != null) {
      requireSameBody(existing.bodySha256(), bodySha256);
      return existing.result().thenApply(type::cast);
    }
    try {
      String documentKey =
          "idempotency/" + kind + "/" + sha256(key.getBytes(StandardCharsets.UTF_8)) + ".json";
      Optional<IdempotencyRecord> recorded = findRecord(user, documentKey);
      IngestId ingestId =
          IngestId.of(UUID.nameUUIDFromBytes(cacheKey.getBytes(StandardCharsets.UTF_8)).toString());
      if (recorded.isPresent()) {
        IdempotencyRecord record = recorded.get();
        boolean current = record.receivedAt().isAfter(clock.instant().minus(window));
        if (current) {
          requireSameBody(record.bodySha256(), bodySha256);
          if (ledger.isCommitted(kind, IngestId.of(record.ingestId()), record.receivedAt())) {
            R response = json.readValue(record.response(), type);
            mine.result().complete(response);
            return CompletableFuture.completedFuture(response);
          }
        } else {
          // the key's window is over: a new request, which must not share the old rows' id
          ingestId = IngestId.random();
        }
      }
      Attempt<R> attempt = new Keyed<>(ingestId, kind, user, documentKey, bodySha256);
      action
          .apply(attempt)
          .whenComplete(
              (response, failure) -> {
                if (failure != null) {
                  forget(cacheKey, mine);
                  mine.result().completeExceptionally(failure);
                } else {
                  mine.result().complete(response);
                }
              });
      return mine.result().thenApply(type::cast);
    } catch (RuntimeException | IOException e) {
      forget(cacheKey, mine);
      mine.result().completeExceptionally(e);
      if (e instanceof IOException io) {
        throw new UncheckedIOException("reading the idempotency record of " + user, io);
      }
      throw (RuntimeException) e;
    }
  }

  /** Throws 400 unless {@code key} is 1-255 visible ASCII characters. */
  public static void requireValidKey(String key) {
    boolean ok = !key.isEmpty() && key.length() <= MAX_KEY_LENGTH;
    for (int i = 0; ok && i < key.length(); i++) {
      char c = key.charAt(i);
      ok = c > 0x20 && c < 0x7f;
    }
    if (!ok) {
      throw ProblemException.invalid(
          "Idempotency-Key",
          "must be 1-" + MAX_KEY_LENGTH + " visible ASCII characters, e.g. a UUID");
    }
  }

  private void forget(String cacheKey, Entry entry) {
    synchronized (recent) {
      recent.remove(cacheKey, entry);
    }
  }

  private static void requireSameBody(String expected, String actual) {
    if (!expected.equals(actual)) {
      throw new ProblemException(
          io.micronaut.http.HttpStatus.UNPROCESSABLE_ENTITY,
          ProblemTypes.INVALID_REQUEST,
          "Idempotency-Key was already used with a different request body; use a new key for a"
              + " new request",
          java.util.List.of(
              new Problem.FieldError(null, "Idempotency-Key", "reused with a different body")),
          null,
          null);
    }
  }

  private Optional<IdempotencyRecord> findRecord(UserId user, String documentKey)
      throws IOException {
    Optional<byte[]> bytes = archive.findUserDocument(user, documentKey);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(json.readValue(bytes.get(), IdempotencyRecord.class));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  private record Unkeyed<R>(IngestId ingestId) implements Attempt<R> {
    @Override
    public void recordPending(R response, Instant receivedAt) {}
  }

  private final class Keyed<R> implements Attempt<R> {
    private final IngestId ingestId;
    private final String kind;
    private final UserId user;
    private final String documentKey;
    private final String bodySha256;

    Keyed(IngestId ingestId, String kind, UserId user, String documentKey, String bodySha256) {
      this.ingestId = ingestId;
      this.kind = kind;
      this.user = user;
      this.documentKey = documentKey;
      this.bodySha256 = bodySha256;
    }

    @Override
    public IngestId ingestId() {
      return ingestId;
    }

    @Override
    public void recordPending(R response, Instant receivedAt) {
      try {
        IdempotencyRecord record =
            new IdempotencyRecord(
                kind, ingestId.value(), receivedAt, bodySha256, json.writeValueAsString(response));
        archive.putUserDocument(user, documentKey, json.writeValueAsBytes(record));
      } catch (IOException e) {
        throw new UncheckedIOException("writing the idempotency record of " + user, e);
      }
    }
  }
}
