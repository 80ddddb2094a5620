package org.vitalake.ingest.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.vitalake.core.id.UserId;

/** The live state of one import, updated by its worker and read by {@code GET /imports/{id}}. */
final class ImportProgress {

  /** How many rejections an import keeps to report; the rest are only counted. */
  static final int REPORTED_REJECTIONS = 100;

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

  ImportProgress(String importId, ImportFormat format, UserId owner) {
    this.importId = importId;
    this.format = format;
    this.owner = owner;
  }

  synchronized void reject(Rejection rejection) {
    rejected.incrementAndGet();
    if (rejections.size() < REPORTED_REJECTIONS) {
      rejections.add(rejection);
    }
  }

  void reading(ImportInput input) {
    bytesTotal = input.totalBytes();
    bytesRead = input::bytesRead;
  }

  void archived(List<String> refs) {
    rawRefs = List.copyOf(refs);
  }

  void done() {
    status = "done";
  }

  void failed(String message) {
    error = message;
    status = "failed";
  }

  void duplicateOf(String earlier) {
    duplicateOf = earlier;
    status = "done";
  }

  boolean finished() {
    return !status.equals("running");
  }

  synchronized ImportStatusResponse snapshot() {
    long total = bytesTotal;
    long read = bytesRead.getAsLong();
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
        error,
        duplicateOf,
        total >= 0 ? Math.min(read, total) : read,
        total,
        rawRefs);
  }
}
