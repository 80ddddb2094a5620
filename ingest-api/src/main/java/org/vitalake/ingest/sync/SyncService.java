package org.vitalake.ingest.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.vitalake.core.id.IngestId;
import org.vitalake.core.id.UserId;
import org.vitalake.core.sample.RecordedSample;
import org.vitalake.core.sample.Sample;
import org.vitalake.ingest.IngestProperties;
import org.vitalake.ingest.archive.ArchiveService;
import org.vitalake.ingest.auth.Caller;
import org.vitalake.ingest.commit.BronzeCommitService;
import org.vitalake.ingest.commit.CommitFailedException;
import org.vitalake.ingest.commit.CommitQueueFullException;
import org.vitalake.ingest.commit.CommitReceipt;
import org.vitalake.ingest.idempotency.IdempotencyService;
import org.vitalake.ingest.problem.Problem;
import org.vitalake.ingest.problem.ProblemException;
import org.vitalake.ingest.problem.ProblemTypes;

/**
 * Lands a sync batch: validates each point, archives the body as-is, then waits for the group
 * commit of the valid points to bronze; a retry with the same Idempotency-Key gets the first
 * answer.
 */
@Singleton
public class SyncService {

  /** Raw archive kind of sync payloads. */
  public static final String KIND = "sync";

  private final ObjectMapper json;
  private final DataPointMapper mapper;
  private final ArchiveService archive;
  private final BronzeCommitService commits;
  private final IdempotencyService idempotency;
  private final Clock clock;
  private final Counter accepted;
  private final Counter rejected;

  public SyncService(
      ObjectMapper json,
      IngestProperties properties,
      ArchiveService archive,
      BronzeCommitService commits,
      IdempotencyService idempotency,
      MeterRegistry registry) {
    this.json = json;
    this.mapper = new DataPointMapper(properties.getMaxPointsPerRequest());
    this.archive = archive;
    this.commits = commits;
    this.idempotency = idempotency;
    this.clock = Clock.systemUTC();
    this.accepted =
        Counter.builder("vitalake.ingest.points.accepted")
            .description("data points committed to bronze")
            .register(registry);
    this.rejected =
        Counter.builder("vitalake.ingest.points.rejected")
            .description("data points rejected by validation")
            .register(registry);
  }

  /**
   * Handles one {@code POST /sync} body for {@code caller}.
   *
   * @return completes with the answer once the accepted points are committed
   * @throws ProblemException for a malformed body (400), a foreign userId (403), too many points
   *     (413), no valid point (422) or when the service cannot take it now (503)
   */
  public CompletableFuture<SyncResponse> sync(
      Caller caller, byte[] body, @Nullable String idempotencyKey) {
    SyncRequest request = RequestBodies.parse(json, body, SyncRequest.class);
    UserId user = caller.authorizeWriteFor(mapper.requireValidEnvelope(request));
    return idempotency.execute(
        KIND,
        user,
        idempotencyKey,
        body,
        SyncResponse.class,
        attempt -> land(request, user, body, attempt));
  }

  private CompletableFuture<SyncResponse> land(
      SyncRequest request,
      UserId user,
      byte[] body,
      IdempotencyService.Attempt<SyncResponse> attempt) {
    // Iceberg keeps microseconds; the idempotency record must name the stored value exactly
    Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
    DataPointMapper.MappedPoints mapped = mapper.map(request, user, receivedAt);
    rejected.increment(mapped.rejected().size());
    if (mapped.samples().isEmpty()) {
      throw noValidPoints(mapped.rejected());
    }
    IngestId ingestId = attempt.ingestId();
    String rawRef =
        archive.archive(KIND, user, receivedAt, ingestId, body, "json", "application/json");
    SyncResponse response =
        new SyncResponse(ingestId.value(), mapped.samples().size(), mapped.rejected());
    attempt.recordPending(response, receivedAt);
    List<RecordedSample> rows = new ArrayList<>(mapped.samples().size());
    for (Sample sample : mapped.samples()) {
      rows.add(new RecordedSample(sample, ingestId, receivedAt, rawRef));
    }
    CompletableFuture<CommitReceipt> commit;
    try {
      commit = commits.submitSamples(rows);
    } catch (CommitQueueFullException | IllegalStateException e) {
      throw ProblemException.unavailable(
          "the ingest queue is full or shutting down; nothing was stored, retry later with the"
              + " same Idempotency-Key",
          Duration.ofSeconds(1),
          e);
    }
    return commit.handle(
        (receipt, failure) -> {
          if (failure != null) {
            throw commitFailed(failure);
          }
          accepted.increment(rows.size());
          return response;
        });
  }

  static ProblemException commitFailed(Throwable failure) {
    Throwable cause =
        failure.getCause() != null && !(failure instanceof CommitFailedException)
            ? failure.getCause()
            : failure;
    return ProblemException.unavailable(
        "the bronze commit holding this request failed; nothing of it was stored, retry with the"
            + " same Idempotency-Key",
        Duration.ofSeconds(1),
        cause);
  }

  private static ProblemException noValidPoints(List<SyncResponse.RejectedPoint> rejected) {
    List<Problem.FieldError> errors =
        rejected.stream()
            .map(
                r ->
                    new Problem.FieldError(
                        r.index(), "dataPoints[" + r.index() + "]." + r.field(), r.reason()))
            .toList();
    return new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        ProblemTypes.NO_VALID_DATA_POINTS,
        "none of the "
            + rejected.size()
            + " data points is valid; nothing was stored (see errors for each index)",
        errors,
        null,
        null);
  }
}
