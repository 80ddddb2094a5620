package org.vitalake.ingest.importer;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /imports/{id}}: how far an import is.
 *
 * @param importId the import's id, also the {@code ingest_id} of every bronze row it wrote
 * @param format the format read, e.g. {@code apple-health}
 * @param status {@code running}, {@code done} or {@code failed}
 * @param rowsRead records read from the file (lines, elements, messages)
 * @param accepted samples and journal entries committed to bronze
 * @param rejected records or values rejected
 * @param rejections the first rejections (at most {@value ImportProgress#REPORTED_REJECTIONS}),
 *     with record number, field and reason
 * @param rejectionsNotListed rejections counted in {@code rejected} but not listed
 * @param error why the import failed, naming the file, or {@code null}
 * @param duplicateOf the earlier import of the same content for the same users, when this one was
 *     skipped, or {@code null}
 * @param bytesRead bytes of the file read so far
 * @param bytesTotal size of the file, or -1 when unknown
 * @param rawRefs where the upload is archived as-is (one reference per part)
 * @param startedAt when the import was accepted (ISO-8601, UTC)
 * @param updatedAt when this state was last recorded (ISO-8601, UTC)
 * @param finishedAt when the import ended as done or failed, or {@code null} while running
 * @param timeZone the IANA zone timestamps without an offset were read in; {@code null} until the
 *     import has chosen it (it reads the users' profiles first), and when the mapped participants
 *     were read in different zones or for different reasons ({@code participantTimeZones} tells)
 * @param timeZoneSource why that zone: {@code request} (the import named it), {@code profile} (the
 *     user's profile) or {@code format-default} (neither did); {@code null} when {@code timeZone}
 *     is
 * @param participantTimeZones for an import with a {@code userMap}: each participant's zone and why
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ImportStatusResponse(
    String importId,
    String format,
    String status,
    long rowsRead,
    long accepted,
    long rejected,
    List<RejectionResponse> rejections,
    long rejectionsNotListed,
    @Nullable String error,
    @Nullable String duplicateOf,
    long bytesRead,
    long bytesTotal,
    List<String> rawRefs,
    String startedAt,
    String updatedAt,
    @Nullable String finishedAt,
    @Nullable String timeZone,
    @Nullable String timeZoneSource,
    Map<String, TimeZoneResponse> participantTimeZones) {

  public ImportStatusResponse {
    rejections = rejections == null ? List.of() : List.copyOf(rejections);
    rawRefs = rawRefs == null ? List.of() : List.copyOf(rawRefs);
    // states recorded before imports reported zones have none
    participantTimeZones =
        participantTimeZones == null
            ? Map.of()
            : Collections.unmodifiableSortedMap(new TreeMap<>(participantTimeZones));
  }

  /** One rejected record. */
  @Serdeable
  public record RejectionResponse(
      String file, long record, @Nullable String field, String reason) {}

  /**
   * A zone an import read timestamps without an offset in.
   *
   * @param timeZone IANA zone id, e.g. {@code Europe/Berlin}
   * @param source {@code request}, {@code profile} or {@code format-default}
   */
  @Serdeable
  public record TimeZoneResponse(String timeZone, String source) {

    static TimeZoneResponse of(ImportTimeZone zone) {
      return new TimeZoneResponse(zone.zone().getId(), zone.source().code());
    }
  }

  /** This state as failed with {@code reason}, finished at {@code when}. */
  public ImportStatusResponse failed(String reason, String when) {
    return new ImportStatusResponse(
        importId,
        format,
        "failed",
        rowsRead,
        accepted,
        rejected,
        rejections,
        rejectionsNotListed,
        reason,
        duplicateOf,
        bytesRead,
        bytesTotal,
        rawRefs,
        startedAt,
        when,
        when,
        timeZone,
        timeZoneSource,
        participantTimeZones);
  }
}
