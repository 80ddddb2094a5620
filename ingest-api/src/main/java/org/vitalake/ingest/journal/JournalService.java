package org.vitalake.ingest.journal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.vitalake.core.id.EntryId;
import org.vitalake.core.id.UserId;
import org.vitalake.core.journal.EntryType;
import org.vitalake.core.journal.InvalidJournalEntryException;
import org.vitalake.core.journal.JournalContent;
import org.vitalake.core.journal.JournalEntry;
import org.vitalake.core.journal.RecordedJournalEntry;
import org.vitalake.core.sample.SampleFactory;
import org.vitalake.ingest.archive.ArchiveService;
import org.vitalake.ingest.auth.Caller;
import org.vitalake.ingest.commit.BronzeCommitService;
import org.vitalake.ingest.commit.CommitQueueFullException;
import org.vitalake.ingest.idempotency.IdempotencyService;
import org.vitalake.ingest.problem.ProblemException;
import org.vitalake.ingest.sync.IsoTimestamp;
import org.vitalake.ingest.sync.RequestBodies;

/** Lands one journal entry: validate, archive the body, wait for the group commit to bronze. */
@Singleton
public class JournalService {

  /** Raw archive kind of journal payloads. */
  public static final String KIND = "journal";

  private final ObjectMapper json;
  private final ArchiveService archive;
  private final BronzeCommitService commits;
  private final IdempotencyService idempotency;
  private final Clock clock = Clock.systemUTC();
  private final Counter accepted;

  public JournalService(
      ObjectMapper json,
      ArchiveService archive,
      BronzeCommitService commits,
      IdempotencyService idempotency,
      MeterRegistry registry) {
    this.json = json;
    this.archive = archive;
    this.commits = commits;
    this.idempotency = idempotency;
    this.accepted =
        Counter.builder("vitalake.ingest.journal.accepted")
            .description("journal entries committed to bronze")
            .register(registry);
  }

  /**
   * Handles one {@code POST /journal/entries} body for {@code caller}.
   *
   * @throws ProblemException 400 naming the field, 403 for another user without the role service or
   *     admin, 503 when nothing could be stored
   */
  public CompletableFuture<JournalEntryResponse> create(
      Caller caller, byte[] body, @Nullable String idempotencyKey) {
    JournalEntryRequest request = RequestBodies.parse(json, body, JournalEntryRequest.class);
    UserId requested = null;
    if (request.userId() != null) {
      try {
        requested = UserId.of(request.userId());
      } catch (IllegalArgumentException e) {
        throw ProblemException.invalid("userId", e.getMessage());
      }
    }
    UserId user = caller.authorizeWriteFor(requested);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    JournalEntry entry = toEntry(request, user, now);
    return idempotency.execute(
        KIND,
        user,
        idempotencyKey,
        body,
        JournalEntryResponse.class,
        attempt -> {
          String rawRef =
              archive.archive(
                  KIND, user, now, attempt.ingestId(), body, "json", "application/json");
          JournalEntryResponse response =
              new JournalEntryResponse(entry.entryId().value(), attempt.ingestId().value());
          attempt.recordPending(response, now);
          RecordedJournalEntry row =
              new RecordedJournalEntry(entry, attempt.ingestId(), now, rawRef);
          try {
            return commits
                .submitJournalEntries(List.of(row))
                .handle(
                    (receipt, failure) -> {
                      if (failure != null) {
                        throw ProblemException.unavailable(
                            "the bronze commit holding this entry failed; nothing was stored,"
                                + " retry with the same Idempotency-Key",
                            Duration.ofSeconds(1),
                            failure);
                      }
                      accepted.increment();
                      return response;
                    });
          } catch (CommitQueueFullException | IllegalStateException e) {
            throw ProblemException.unavailable(
                "the ingest queue is full or shutting down; nothing was stored, retry later",
                Duration.ofSeconds(1),
                e);
          }
        });
  }

  /** Validates a request into a core entry, naming the bad field. */
  static JournalEntry toEntry(JournalEntryRequest request, UserId user, Instant now) {
    try {
      if (request.entryType() == null || request.entryType().isBlank()) {
        throw new InvalidJournalEntryException(
            "entryType", "entryType is required (meal, mood, activity, symptom, note, ...)");
      }
      EntryType type = EntryType.parse(request.entryType());
      if (request.content() == null) {
        throw new InvalidJournalEntryException(
            "content", "content is required: an object with the " + type.code() + "'s fields");
      }
      JournalContent content = JournalContent.parse(type, request.content());
      Instant occurredAt = now;
      ZoneOffset offset = null;
      if (request.occurredAt() != null) {
        if (!(request.occurredAt() instanceof String text)) {
          throw new InvalidJournalEntryException(
              "occurredAt", "occurredAt must be an ISO-8601 string with offset");
        }
        IsoTimestamp parsed;
        try {
          parsed = IsoTimestamp.parse(text);
        } catch (IllegalArgumentException e) {
          throw new InvalidJournalEntryException("occurredAt", "occurredAt " + e.getMessage());
        }
        occurredAt = parsed.instant();
        offset = parsed.offset();
        if (occurredAt.isAfter(now.plus(SampleFactory.MAX_FUTURE))) {
          throw new InvalidJournalEntryException(
              "occurredAt",
              "occurredAt " + occurredAt + " is more than 24 h in the future (now is " + now + ")");
        }
        if (occurredAt.isBefore(SampleFactory.EARLIEST)) {
          throw new InvalidJournalEntryException(
              "occurredAt", "occurredAt " + occurredAt + " is before " + SampleFactory.EARLIEST);
        }
      }
      if (request.zoneOffset() != null) {
        try {
          offset = IsoTimestamp.parseZoneOffset(request.zoneOffset());
        } catch (IllegalArgumentException e) {
          throw new InvalidJournalEntryException("zoneOffset", e.getMessage());
        }
      }
      return new JournalEntry(EntryId.random(), user, type, occurredAt, offset, content);
    } catch (InvalidJournalEntryException e) {
      String field = isTopLevel(e.field()) ? e.field() : "content." + e.field();
      throw ProblemException.invalid(field, e.getMessage());
    }
  }

  private static boolean isTopLevel(String field) {
    return switch (field) {
      case "entryType", "content", "occurredAt", "zoneOffset", "userId", "entryId" -> true;
      default -> false;
    };
  }
}
