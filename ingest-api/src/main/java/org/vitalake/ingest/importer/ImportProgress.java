package org.vitalake.ingest.importer;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.vitalake.core.id.UserId;

/**
 * The live state of one import, updated by its worker, read by {@code GET /imports/{id}} and
 * recorded in the {@link ImportStatusStore} as it goes.
 */
final class ImportProgress {

  /** How many rejections an import keeps to report; the rest are only counted. */
  static final int REPORTED_REJECTIONS = 100;

  /** Longest rejection reason kept; vendors' values can make reasons arbitrarily long. */
  static final int MAX_REASON_LENGTH = 500;

  final String importId;
  final ImportFormat format;
  final UserId owner;
  final AtomicLong rowsRead = new AtomicLong();
  final AtomicLong accepted = new AtomicLong();
  final AtomicLong rejected = new AtomicLong();
  private final List<Rejection> rejections = new ArrayList<>();
  private volatile String status = "running";
  private volatile String error;
  private volatile String duplicateOf;
  private volatile LongSupplier bytesRead = () -> 0;
  private volatile long bytesTotal = -1;
  private volatile List<String> rawRefs = List.of();
  private final Clock clock;
  private final Instant startedAt;
  private volatile Instant finishedAt;
  private volatile ImportTimeZone timeZone;
  private volatile Map<String, ImportTimeZone> participantTimeZones = Map.of();

  ImportProgress(String importId, ImportFormat format, UserId owner, Clock clock) {
    this.importId = importId;
    this.format = format;
    this.owner = owner;
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  synchronized void reject(Rejection rejection) {
    rejected.incrementAndGet();
    if (rejections.size() < REPORTED_REJECTIONS) {
      String reason = rejection.reason();
      rejections.add(
          reason.length() <= MAX_REASON_LENGTH
              ? rejection
              : new Rejection(
                  rejection.file(),
                  rejection.record(),
                  rejection.field(),
                  reason.substring(0, MAX_REASON_LENGTH) + "..."));
    }
  }

  /** Reading {@code input} {@code passes} times (once per zone the participants live in). */
  void reading(ImportInput input, int passes) {
    long total = input.totalBytes();
    bytesTotal = total < 0 ? total : total * passes;
    bytesRead = input::bytesRead;
  }

  /**
   * The zones chosen: {@code zone} for everything, or {@code null} when the participants' differ
   * ({@code participants} holds each participant's, empty without a userMap).
   */
  void timeZones(ImportTimeZone zone, Map<String, ImportTimeZone> participants) {
    participantTimeZones = Map.copyOf(participants);
    timeZone = zone;
  }

  void archived(List<String> refs) {
    rawRefs = List.copyOf(refs);
  }

  void done() {
    finishedAt = clock.instant();
    status = "done";
  }

  void failed(String message) {
    error = message;
    finishedAt = clock.instant();
    status = "failed";
  }

  void duplicateOf(String earlier) {
    duplicateOf = earlier;
    finishedAt = clock.instant();
    status = "done";
  }

  boolean finished() {
    return !status.equals("running");
  }

  synchronized ImportStatusResponse snapshot() {
    long total = bytesTotal;
    long read = bytesRead.getAsLong();
    Instant finished = finishedAt;
    ImportTimeZone zone = timeZone;
    Map<String, ImportStatusResponse.TimeZoneResponse> participants = new TreeMap<>();
    participantTimeZones.forEach(
        (id, z) -> participants.put(id, ImportStatusResponse.TimeZoneResponse.of(z)));
    return new ImportStatusResponse(
        importId,
        format.code(),
        status,
        rowsRead.get(),
        accepted.get(),
        rejected.get(),
        rejections.stream()
            .map(
                r ->
                    new ImportStatusResponse.RejectionResponse(
                        r.file(), r.record(), r.field(), r.reason()))
            .toList(),
        rejected.get() - rejections.size(),
        error,
        duplicateOf,
        total >= 0 ? Math.min(read, total) : read,
        total,
        rawRefs,
        startedAt.toString(),
        clock.instant().toString(),
        finished == null ? null : finished.toString(),
        zone == null ? null : zone.zone().getId(),
        zone == null ? null : zone.source().code(),
        participants);
  }
}
