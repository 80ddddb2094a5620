package org.vitalake.ingest.importer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalake.core.id.IngestId;
import org.vitalake.core.id.UserId;
import org.vitalake.ingest.IngestProperties;
import org.vitalake.ingest.auth.Caller;
import org.vitalake.ingest.commit.CommitterClosedException;
import org.vitalake.ingest.problem.Problem;
import org.vitalake.ingest.problem.ProblemException;
import org.vitalake.ingest.problem.ProblemTypes;
import org.vitalake.lakehouse.RawArchive;

/**
 * Runs bulk imports: archives the upload as-is in the raw bucket, streams it through the format's
 * importer and commits the rows through the same group commit as {@code /sync}; skips content
 * already imported for the same users.
 *
 * <p>Each import's state is recorded in the {@link ImportStatusStore} when it starts, every {@link
 * IngestProperties#getImportStatusInterval()} while it runs (also a heartbeat) and when it ends, so
 * {@code GET /imports/{id}} answers after a restart. A state still "running" whose heartbeat is
 * older than {@value #STALE_HEARTBEATS} intervals belongs to a process that died: it is reported,
 * and recorded, as failed.
 *
 * <p>Uploads in parts are recorded in the {@link UploadStore} when created, and their parts are
 * found in the store when the import starts, so an upload survives a restart; memory only caches
 * the uploads this process has seen. An upload not started within {@link
 * IngestProperties#getUploadExpiry()} is refused with 410 and its parts are deleted when it is next
 * touched; one started is recorded as started and refused with 409 when started again.
 *
 * <p>Timestamps without an offset (Fitabase, Fitbit Web API JSON, Google Fit, PMData) are read in
 * the zone the request names; without one, in the time zone of the user's latest profile; without
 * that, in the format's {@link ImportFormat#defaultZone()} (see {@link ImportTimeZones}). With a
 * {@code userMap} and no {@code userId} the rule holds per participant: the file is read once per
 * distinct zone of the mapped users, each time with that zone and only the participants in it (one
 * pass when they share a zone, as is usual). With a {@code userId} everything is read in that
 * user's zone. The zones used, and why, are reported in the import's status, and are part of what
 * makes two imports of the same content the same import.
 */
@Singleton
public class ImportService implements AutoCloseable {

  /**
   * Largest upload part: below the server's request-size limit, and what one archive object holds.
   */
  public static final int PART_BYTES = 3 * 1024 * 1024;

  /** Missed heartbeats after which a running import is taken for interrupted. */
  static final int STALE_HEARTBEATS = 5;

  private static final Logger LOG = LoggerFactory.getLogger(ImportService.class);
  private static final int MAX_PARTS = 100_000;

  private static final String INTERRUPTED =
      "interrupted: ingest-api stopped while this import was running (%s). Rows committed before"
          + " are kept; import the same file again to complete it: rows already in bronze are"
          + " not duplicated in silver (samples are deduplicated by their natural key, journal"
          + " entries by their id).";

  private final RawArchive archive;
  private final ImportCommitter committer;
  private final ImportStatusStore statuses;
  private final UploadStore uploadStore;
  private final ImportTimeZones timeZones;
  private final ObjectMapper json;
  private final Clock clock = Clock.systemUTC();
  private final Duration statusInterval;
  private final int sampleBatch;
  private final Duration uploadExpiry;
  private final ExecutorService workers;
  private final ExecutorService fetchers;
  private final ScheduledExecutorService heartbeat;
  private volatile boolean closing;

  /** Imports running in this process; finished ones leave once their final state is recorded. */
  private final Map<String, ImportProgress> imports = new ConcurrentHashMap<>();

  /** Uploads not started yet that this process has seen; the store holds them all. */
  private final Map<String, Upload> uploads = new ConcurrentHashMap<>();

  /** Uploads whose import is being started by a request of this process. */
  private final Set<String> starting = ConcurrentHashMap.newKeySet();

  /** Who the data belongs to and how to read it. */
  private record Plan(
      ImportFormat format,
      @Nullable UserId user,
      Map<String, UserId> participants,
      @Nullable ZoneId requestedZone,
      UserId owner) {}

  /**
   * One read of the file: its zone and the participants read in it ({@code null}: all of the
   * plan's).
   */
  private record Pass(ZoneId zone, @Nullable Set<String> participants) {}

  /**
   * The zones an import reads in: the passes over the file, the zone of everything ({@code null}
   * when participants differ) and each participant's.
   */
  private record Zones(
      List<Pass> passes,
      @Nullable ImportTimeZone common,
      Map<String, ImportTimeZone> participants) {}

  public ImportService(
      RawArchive archive,
      ImportCommitter committer,
      ImportStatusStore statuses,
      UploadStore uploadStore,
      ImportTimeZones timeZones,
      IngestProperties properties,
      ObjectMapper json) {
    this.archive = archive;
    this.committer = committer;
    this.statuses = statuses;
    this.uploadStore = uploadStore;
    this.timeZones = timeZones;
    this.json = json;
    this.statusInterval = properties.getImportStatusInterval();
    this.sampleBatch = properties.getImportSampleBatch();
    if (sampleBatch > properties.getCommitMaxPendingItems() / 2) {
      // an import keeps up to two batches queued; beyond the pending limit a batch would wait
      // until no sync request is pending at all
      throw new IllegalArgumentException(
          "vitalake.ingest.import-sample-batch ("
              + sampleBatch
              + ") must be at most half of vitalake.ingest.commit-max-pending-items ("
              + properties.getCommitMaxPendingItems()
              + ")");
    }
    if (statusInterval.isNegative() || statusInterval.isZero()) {
      throw new IllegalArgumentException(
          "vitalake.ingest.import-status-interval must be positive, was " + statusInterval);
    }
    this.uploadExpiry = properties.getUploadExpiry();
    if (uploadExpiry == null || uploadExpiry.isNegative() || uploadExpiry.isZero()) {
      throw new IllegalArgumentException(
          "vitalake.ingest.upload-expiry must be positive, was " + uploadExpiry);
    }
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(daemonThreads("import-status-"));
    heartbeat.scheduleWithFixedDelay(
        this::recordAll,
        statusInterval.toMillis(),
        statusInterval.toMillis(),
        TimeUnit.MILLISECONDS);
    long sweep = Math.min(uploadExpiry.toMillis(), Duration.ofMinutes(1).toMillis());
    heartbeat.scheduleWithFixedDelay(
        this::forgetExpiredUploads, sweep, sweep, TimeUnit.MILLISECONDS);
    this.fetchers = Executors.newCachedThreadPool(daemonThreads("import-fetch-"));
    this.workers = Executors.newFixedThreadPool(2, daemonThreads("import-"));
  }

  /** Daemon threads named {@code prefix} and a number: a stopping JVM does not wait for them. */
  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Starts importing an uploaded file; the service owns {@code file} from now on and deletes it.
   *
   * @throws ProblemException 400 naming a bad field, 403 when the caller may not import for a user
   */
  public ImportStatusResponse importFile(
      Caller caller,
      Path file,
      String fileName,
      String format,
      @Nullable String userId,
      @Nullable String userMapJson,
      @Nullable String timeZone) {
    try {
      Plan plan = plan(caller, format, userId, parseUserMap(userMapJson), timeZone);
      return start(
          plan, IngestId.random().value(), file, fileName, null, new FileSource(file, fileName));
    } catch (RuntimeException e) {
      deleteQuietly(file);
      throw e;
    }
  }

  /** Starts importing an upload made in parts, or an object already in the raw bucket. */
  public ImportStatusResponse importStored(Caller caller, StartImportRequest request) {
    Plan plan =
        plan(caller, request.format(), request.userId(), request.userMap(), request.timeZone());
    if ((request.uploadId() == null) == (request.rawRef() == null)) {
      throw ProblemException.invalid(
          "uploadId",
          "send exactly one of uploadId and rawRef (or upload the file as multipart/form-data)");
    }
    if (request.uploadId() != null) {
      return startUpload(caller, plan, request.uploadId());
    }
    Path file = tempFile();
    try {
      String ref = request.rawRef();
      String ownPrefix = "s3://" + archive.bucket() + "/" + RawArchive.userPrefix(plan.owner());
      if (!ref.startsWith(ownPrefix) && !mayActForOthers(caller)) {
        throw ProblemException.forbidden(
            "rawRef must lie under "
                + ownPrefix
                + " unless the token has the role service or admin");
      }
      byte[] body;
      try {
        body = archive.get(ref);
      } catch (RawArchive.RawPayloadNotFoundException e) {
        throw ProblemException.invalid("rawRef", "nothing is archived at " + ref);
      } catch (IllegalArgumentException e) {
        throw ProblemException.invalid("rawRef", e.getMessage());
      }
      Files.write(file, body);
      String fileName = ref.substring(ref.lastIndexOf('/') + 1);
      return start(
          plan,
          IngestId.random().value(),
          file,
          fileName,
          List.of(ref),
          new FileSource(file, fileName));
    } catch (IOException e) {
      deleteQuietly(file);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      deleteQuietly(file);
      throw e;
    }
  }

  /** Starts an upload in parts. */
  public UploadResponse createUpload(Caller caller, UploadRequest request) {
    UserId owner = caller.authorizeWriteFor(parseUser("userId", request.userId()));
    String id = UUID.randomUUID().toString();
    String fileName =
        request.fileName() == null || request.fileName().isBlank()
            ? "upload.bin"
            : request.fileName().strip();
    Instant now = clock.instant();
    Upload upload =
        new Upload(
            id,
            owner,
            fileName,
            extension(fileName),
            LocalDate.ofInstant(now, ZoneOffset.UTC),
            now.truncatedTo(ChronoUnit.MILLIS),
            null);
    // recorded before its id is handed out, so the id is never unknown after a restart
    uploadStore.save(upload);
    uploads.put(id, upload);
    return new UploadResponse(id, PART_BYTES);
  }

  /**
   * Archives part {@code part} (1, 2, ...) of an upload as-is.
   *
   * @throws ProblemException 400 for an unknown upload or part number, 409 for an upload already
   *     imported, 410 for an expired upload, 413 for a part too large
   */
  public void storePart(Caller caller, String uploadId, int part, byte[] body) {
    Upload upload = loadUpload(caller, uploadId, caller.subject(), true);
    if (part < 1 || part > MAX_PARTS) {
      throw ProblemException.invalid("part", "part " + part + " is outside 1-" + MAX_PARTS);
    }
    if (body.length > PART_BYTES) {
      throw ProblemException.tooLarge(
          "body", "a part holds at most " + PART_BYTES + " bytes, got " + body.length);
    }
    uploadStore.storePart(upload, part, body);
  }

  /**
   * The state of an import.
   *
   * @throws ProblemException 404 when there is no such import visible to the caller
   */
  public ImportStatusResponse find(Caller caller, String importId) {
    ImportProgress progress = imports.get(importId);
    if (progress != null) {
      if (!progress.owner.equals(caller.subject()) && !mayActForOthers(caller)) {
        throw notFound(importId);
      }
      return progress.snapshot();
    }
    ImportStatusStore.StoredImportStatus stored =
        statuses.find(importId).orElseThrow(() -> notFound(importId));
    if (!stored.owner().equals(caller.subject()) && !mayActForOthers(caller)) {
      throw notFound(importId);
    }
    ImportStatusResponse status = stored.status();
    if (status.status().equals("running")) {
      Instant heartbeatAt = Instant.parse(status.updatedAt());
      if (heartbeatAt
          .plus(statusInterval.multipliedBy(STALE_HEARTBEATS))
          .isBefore(clock.instant())) {
        status =
            status.failed(
                String.format(Locale.ROOT, INTERRUPTED, "last progress recorded at " + heartbeatAt),
                clock.instant().toString());
        record(stored.owner(), status);
      }
    }
    return status;
  }

  /**
   * Stops running imports and records them as failed (interrupted): an import is not resumed; its
   * file is imported again, and the rows it committed are not duplicated in silver.
   */
  @PreDestroy
  @Override
  public void close() {
    closing = true;
    heartbeat.shutdownNow();
    workers.shutdownNow();
    fetchers.shutdownNow();
    try {
      workers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (ImportProgress progress : imports.values()) {
      if (!progress.finished()) {
        progress.failed(String.format(Locale.ROOT, INTERRUPTED, "shut down at " + clock.instant()));
      }
      record(progress);
    }
  }

  /**
   * Starts importing an upload: its parts are found in the store, and it is recorded as started
   * before the import is, so no restart lets it be started twice.
   */
  private ImportStatusResponse startUpload(Caller caller, Plan plan, String uploadId) {
    if (!starting.add(uploadId)) {
      throw conflict(uploadId, "upload '" + uploadId + "' is being started by another request");
    }
    Path file = tempFile();
    try {
      // from the store, which alone knows whether another process or an earlier run started it
      Upload upload = loadUpload(caller, uploadId, plan.owner(), false);
      List<UploadStore.StoredPart> parts = contiguous(uploadStore.findParts(upload));
      String importId = IngestId.random().value();
      uploadStore.save(upload.startedAs(importId));
      uploads.remove(uploadId);
      try {
        // the parts are fetched by the import itself: the request answers at once
        return start(
            plan,
            importId,
            file,
            upload.fileName(),
            parts.stream().map(UploadStore.StoredPart::ref).toList(),
            new PartsSource(upload, parts, file));
      } catch (RuntimeException e) {
        reopen(upload, e);
        throw e;
      }
    } catch (RuntimeException e) {
      deleteQuietly(file);
      throw e;
    } finally {
      starting.remove(uploadId);
    }
  }

  /** Takes back the mark of an upload whose import could not start, so it can be started again. */
  private void reopen(Upload upload, Exception cause) {
    try {
      uploadStore.save(upload);
      uploads.put(upload.uploadId(), upload);
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * The upload {@code uploadId} if it belongs to {@code owner} (or the caller may act for others),
   * takes parts and has not expired; from memory when {@code cached} and this process has seen it,
   * else from the store.
   *
   * @throws ProblemException 400 when there is no such upload of the owner, 409 when it was
   *     started, 410 when it expired (its parts are deleted)
   */
  private Upload loadUpload(Caller caller, String uploadId, UserId owner, boolean cached) {
    Upload upload = cached ? uploads.get(uploadId) : null;
    if (upload == null) {
      upload = uploadStore.find(uploadId).orElse(null);
    }
    if (upload == null || !upload.owner().equals(owner) && !mayActForOthers(caller)) {
      throw ProblemException.invalid(
          "uploadId",
          "no upload '"
              + uploadId
              + "' of user "
              + owner
              + "; create one with POST /imports/uploads");
    }
    if (upload.started()) {
      uploads.remove(uploadId);
      throw conflict(
          uploadId,
          "upload '"
              + uploadId
              + "' was already imported as import "
              + upload.importId()
              + " (GET /imports/"
              + upload.importId()
              + " reports it); an upload is imported once");
    }
    Instant now = clock.instant();
    if (upload.expired(now, uploadExpiry)) {
      uploads.remove(uploadId);
      try {
        uploadStore.delete(upload);
      } catch (RuntimeException e) {
        // touching the upload again deletes what is left
        LOG.warn("cannot delete the parts of expired upload {}", uploadId, e);
      }
      String message =
          "upload '"
              + uploadId
              + "' expired at "
              + upload.expiresAt(uploadExpiry)
              + ": an upload must be imported within "
              + uploadExpiry
              + " of its creation; its parts are deleted, upload the file again";
      throw new ProblemException(
          HttpStatus.GONE,
          ProblemTypes.INVALID_REQUEST,
          "uploadId: " + message,
          List.of(new Problem.FieldError(null, "uploadId", message)),
          null,
          null);
    }
    if (cached) {
      uploads.putIfAbsent(uploadId, upload);
    }
    return upload;
  }

  private static ProblemException conflict(String uploadId, String message) {
    return new ProblemException(
        HttpStatus.CONFLICT,
        ProblemTypes.INVALID_REQUEST,
        "uploadId: " + message,
        List.of(new Problem.FieldError(null, "uploadId", message)),
        null,
        null);
  }

  /** Drops expired uploads from memory; their records and parts go when they are touched. */
  private void forgetExpiredUploads() {
    Instant now = clock.instant();
    uploads.values().removeIf(upload -> upload.expired(now, uploadExpiry));
  }

  /**
   * What an import reads: the content's key, known before anything is imported, and the content.
   */
  private interface Source {

    /** The content's {@link ContentKey}. */
    String key() throws IOException;

    /** Opens the content for the importer, once, after {@link #key()}. */
    ImportInput open() throws IOException;

    /** Why reading the content failed, if it did. */
    default Optional<String> readFailure() {
      return Optional.empty();
    }

    /** Makes the content ready to be imported again, after {@link #readFailure()}. */
    default void reopen() {}
  }

  /** A file the request carried, in the import's temporary file. */
  private record FileSource(Path file, String fileName) implements Source {

    @Override
    public String key() throws IOException {
      return ContentKey.of(file);
    }

    @Override
    public ImportInput open() throws IOException {
      return ImportInput.open(file, fileName);
    }
  }

  /**
   * An upload's stored parts. When their entity tags give the content's key, a file that is not a
   * zip archive is read from the parts as the importer goes, with no copy; otherwise the parts are
   * first assembled into the import's temporary file (a zip's directory is at its end).
   */
  private final class PartsSource implements Source {
    private final Upload upload;
    private final List<UploadStore.StoredPart> parts;
    private final Path file;
    private boolean assembled;
    private ArchivedParts streamed;

    PartsSource(Upload upload, List<UploadStore.StoredPart> parts, Path file) {
      this.upload = upload;
      this.parts = parts;
      this.file = file;
    }

    @Override
    public String key() throws IOException {
      Optional<String> tagged = ContentKey.fromEntityTags(parts);
      if (tagged.isPresent()) {
        return tagged.get();
      }
      assembled = true;
      return assemble(upload, archivedParts(upload, parts), file);
    }

    @Override
    public ImportInput open() throws IOException {
      if (!assembled) {
        ArchivedParts input = archivedParts(upload, parts);
        boolean zip;
        try {
          zip = input.isZip();
        } catch (IOException | RuntimeException e) {
          input.close();
          throw partsUnreadable(upload, e);
        }
        if (!zip) {
          streamed = input;
          return input;
        }
        // part 1, fetched to look at, is not fetched again
        assemble(upload, input, file);
        assembled = true;
      }
      return ImportInput.open(file, upload.fileName());
    }

    @Override
    public void reopen() {
      ImportService.this.reopen(upload, streamed.failure());
    }

    @Override
    public Optional<String> readFailure() {
      ArchivedParts.PartUnreadableException failure = streamed == null ? null : streamed.failure();
      if (failure == null) {
        return Optional.empty();
      }
      return Optional.of(
          upload.fileName()
              + ": could not read part "
              + failure.part()
              + " ("
              + failure.ref()
              + ") from the raw archive: "
              + failure.getCause().getMessage()
              + ". Rows committed before are kept; upload "
              + upload.uploadId()
              + " can be started again, and rows already in bronze are not duplicated in silver.");
    }
  }

  private ImportStatusResponse start(
      Plan plan,
      String importId,
      Path file,
      String fileName,
      @Nullable List<String> archived,
      Source source) {
    ImportProgress progress = new ImportProgress(importId, plan.format(), plan.owner(), clock);
    // recorded before it is acknowledged, so its id is never unknown after a restart
    statuses.save(plan.owner(), progress.snapshot());
    imports.put(importId, progress);
    workers.submit(() -> run(progress, plan, file, fileName, archived, source));
    return progress.snapshot();
  }

  /** The heartbeat: records the state of every import of this process. */
  private void recordAll() {
    for (ImportProgress progress : imports.values()) {
      record(progress);
    }
  }

  /** Records an import's state; a finished import leaves memory once its end is recorded. */
  private void record(ImportProgress progress) {
    boolean finished = progress.finished();
    if (record(progress.owner, progress.snapshot()) && finished) {
      imports.remove(progress.importId, progress);
    }
  }

  private boolean record(UserId owner, ImportStatusResponse status) {
    try {
      statuses.save(owner, status);
      return true;
    } catch (RuntimeException e) {
      // the heartbeat tries again; the import itself goes on
      LOG.warn("cannot record the state of import {}", status.importId(), e);
      return false;
    }
  }

  /** Whether the bronze committer refused the rows because the service is stopping. */
  private static boolean causedByShutdown(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CommitterClosedException) {
        return true;
      }
    }
    return false;
  }

  private static ProblemException notFound(String importId) {
    return new ProblemException(
        HttpStatus.NOT_FOUND, ProblemTypes.GENERIC, "no import " + importId, List.of(), null, null);
  }

  private void run(
      ImportProgress progress,
      Plan plan,
      Path file,
      String fileName,
      @Nullable List<String> archived,
      Source source) {
    Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
    try {
      Zones zones = chooseZones(plan, fileName);
      progress.timeZones(zones.common(), zones.participants());
      String content = source.key();
      String documentKey = "imports/" + scopeKey(plan, zones, content) + ".json";
      Optional<String> earlier = findEarlierImport(plan.owner(), documentKey);
      if (earlier.isPresent()) {
        progress.duplicateOf(earlier.get());
        return;
      }
      List<String> refs =
          archived != null
              ? archived
              : archiveParts(plan, progress.importId, file, fileName, receivedAt);
      progress.archived(refs);
      try (ImportInput input = source.open()) {
        progress.reading(input, zones.passes().size());
        Instant now = clock.instant();
        CommittingImportSink sink =
            new CommittingImportSink(
                committer,
                sampleBatch,
                progress,
                IngestId.of(progress.importId),
                clock,
                refs.get(0));
        try {
          for (Pass pass : zones.passes()) {
            ImportOptions options =
                new ImportOptions(
                    plan.user(), plan.participants(), pass.zone(), now, pass.participants());
            plan.format().createImporter().importFrom(input, options, sink);
          }
          sink.flush();
        } finally {
          sink.settle();
        }
      }
      if (source.readFailure().isPresent()) {
        // an importer that went on past the failure: the catch below reports it
        throw new IllegalStateException("the import read past a part it could not read");
      }
      recordImport(plan.owner(), documentKey, progress, content);
      progress.done();
    } catch (Exception e) {
      Optional<String> readFailure = source.readFailure();
      if (closing || causedByShutdown(e)) {
        progress.failed(String.format(Locale.ROOT, INTERRUPTED, "shut down at " + clock.instant()));
      } else if (readFailure.isPresent()) {
        LOG.warn("import {} of {} failed", progress.importId, fileName, e);
        source.reopen();
        progress.failed(readFailure.get());
      } else if (e instanceof ImportFailedException) {
        progress.failed(e.getMessage());
      } else {
        LOG.warn("import {} of {} failed", progress.importId, fileName, e);
        progress.failed(fileName + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    } finally {
      deleteQuietly(file);
      if (!closing) {
        record(progress); // when closing, close() records it with the thread no longer interrupted
      }
    }
  }

  private List<String> archiveParts(
      Plan plan, String importId, Path file, String fileName, Instant receivedAt)
      throws IOException {
    LocalDate day = LocalDate.ofInstant(receivedAt, ZoneOffset.UTC);
    String extension = extension(fileName);
    long size = Files.size(file);
    List<String> refs = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      int part = 0;
      do {
        byte[] chunk = in.readNBytes(PART_BYTES);
        part++;
        String id =
            size <= PART_BYTES
                ? importId
                : importId + ".part" + String.format(Locale.ROOT, "%05d", part);
        refs.add(
            archive.put(
                RawArchive.rawKey(plan.format().code(), plan.owner(), day, id, extension),
                chunk,
                "application/octet-stream"));
      } while ((long) part * PART_BYTES < size);
    }
    return refs;
  }

  private Optional<String> findEarlierImport(UserId owner, String documentKey) {
    String ref = "s3://" + archive.bucket() + "/" + RawArchive.userPrefix(owner) + documentKey;
    try {
      byte[] document = archive.get(ref);
      @SuppressWarnings("unchecked")
      Map<String, Object> fields = json.readValue(document, Map.class);
      return Optional.ofNullable((String) fields.get("importId"));
    } catch (RawArchive.RawPayloadNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void recordImport(
      UserId owner, String documentKey, ImportProgress progress, String content)
      throws IOException {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("importId", progress.importId);
    document.put("format", progress.format.code());
    document.put("contentKey", content);
    document.put("contentKeyAlgorithm", ContentKey.ALGORITHM);
    document.put("rowsRead", progress.rowsRead.get());
    document.put("accepted", progress.accepted.get());
    document.put("rejected", progress.rejected.get());
    document.put("finishedAt", clock.instant().toString());
    archive.put(
        RawArchive.userPrefix(owner) + documentKey,
        json.writeValueAsBytes(document),
        "application/json");
  }

  /**
   * Parts 1 to N in order.
   *
   * @throws ProblemException 400 when there are no parts or one is missing
   */
  private static List<UploadStore.StoredPart> contiguous(
      SortedMap<Integer, UploadStore.StoredPart> parts) {
    if (parts.isEmpty()) {
      throw ProblemException.invalid("uploadId", "the upload has no parts yet");
    }
    List<UploadStore.StoredPart> refs = new ArrayList<>();
    int expected = 1;
    for (Map.Entry<Integer, UploadStore.StoredPart> part : parts.entrySet()) {
      if (part.getKey() != expected) {
        throw ProblemException.invalid(
            "uploadId", "part " + expected + " of the upload is missing");
      }
      refs.add(part.getValue());
      expected++;
    }
    return refs;
  }

  /** The upload's parts, read back from the raw archive. */
  private ArchivedParts archivedParts(Upload upload, List<UploadStore.StoredPart> parts) {
    return new ArchivedParts(
        upload.fileName(),
        parts,
        ref -> archive.getInPieces(ref, ArchivedParts.PIECE_BYTES),
        fetchers);
  }

  /**
   * Writes an upload's parts into {@code file} in order, keying them on the way, and closes {@code
   * parts}; when they cannot be read, nothing has been imported, so the upload is marked not
   * started again and can be started once more.
   *
   * @return the content's {@link ContentKey}
   * @throws ImportFailedException naming the upload, when a part cannot be read
   */
  private String assemble(Upload upload, ArchivedParts parts, Path file) throws IOException {
    long start = System.nanoTime();
    ContentKey key = new ContentKey();
    long bytes = 0;
    try (parts;
        InputStream in = parts.open(upload.fileName());
        OutputStream out = Files.newOutputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        key.update(buffer, 0, n);
        out.write(buffer, 0, n);
        bytes += n;
      }
    } catch (ArchivedParts.PartUnreadableException | RuntimeException e) {
      throw partsUnreadable(upload, e);
    } catch (IOException e) {
      // the temporary file (a full disk?) or an interruption: nothing was imported either
      reopen(upload, e);
      throw e;
    }
    LOG.info(
        "assembled {} parts, {} bytes, in {} ms",
        parts.count(),
        bytes,
        (System.nanoTime() - start) / 1_000_000);
    return key.finish();
  }

  /**
   * The failure of an import that could not read its upload's parts ({@code e}, an {@link
   * IOException} or a {@link RuntimeException}) before importing anything: the upload is marked not
   * started again, so it can be started once more.
   */
  private RuntimeException partsUnreadable(Upload upload, Exception e) throws IOException {
    reopen(upload, e);
    if (closing || causedByShutdown(e)) {
      if (e instanceof IOException io) {
        throw io;
      }
      return (RuntimeException) e;
    }
    return new ImportFailedException(
        upload.fileName(),
        "could not read the upload's parts from the raw archive ("
            + e.getMessage()
            + "); nothing was imported, and upload "
            + upload.uploadId()
            + " can be started again",
        e);
  }

  private Plan plan(
      Caller caller,
      String format,
      @Nullable String userId,
      @Nullable Map<String, String> userMap,
      @Nullable String timeZone) {
    ImportFormat parsed;
    try {
      parsed = ImportFormat.parse(format);
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalid("format", e.getMessage());
    }
    Map<String, UserId> participants = new TreeMap<>();
    if (userMap != null) {
      for (Map.Entry<String, String> entry : userMap.entrySet()) {
        if (entry.getKey() == null || entry.getKey().isBlank()) {
          throw ProblemException.invalid("userMap", "participant ids must not be blank");
        }
        participants.put(
            entry.getKey().strip(),
            caller.authorizeWriteFor(parseUser("userMap." + entry.getKey(), entry.getValue())));
      }
    }
    UserId requested = parseUser("userId", userId);
    UserId user =
        participants.isEmpty() || requested != null ? caller.authorizeWriteFor(requested) : null;
    ZoneId zone;
    try {
      zone = timeZone == null || timeZone.isBlank() ? null : ZoneId.of(timeZone.strip());
    } catch (DateTimeException e) {
      throw ProblemException.invalid(
          "timeZone", "'" + timeZone + "' is not an IANA time zone such as Europe/Oslo");
    }
    return new Plan(parsed, user, participants, zone, user != null ? user : caller.subject());
  }

  /**
   * The zone of each user of the import (see the class comment): one pass for an import with a
   * {@code userId}, else one per distinct zone of the mapped participants.
   *
   * @throws ImportFailedException naming {@code fileName} when a profile cannot be read
   */
  private Zones chooseZones(Plan plan, String fileName) {
    if (plan.user() != null) {
      ImportTimeZone zone = choose(plan, plan.user(), fileName);
      Map<String, ImportTimeZone> participants = new TreeMap<>();
      plan.participants().keySet().forEach(p -> participants.put(p, zone));
      return new Zones(List.of(new Pass(zone.zone(), null)), zone, participants);
    }
    Map<String, ImportTimeZone> participants = new TreeMap<>();
    Map<ZoneId, Set<String>> byZone = new LinkedHashMap<>();
    plan.participants()
        .forEach(
            (participant, user) -> {
              ImportTimeZone zone = choose(plan, user, fileName);
              participants.put(participant, zone);
              byZone.computeIfAbsent(zone.zone(), z -> new TreeSet<>()).add(participant);
            });
    if (byZone.size() == 1) {
      ZoneId zone = byZone.keySet().iterator().next();
      Set<ImportTimeZone> distinct = Set.copyOf(participants.values());
      return new Zones(
          List.of(new Pass(zone, null)),
          distinct.size() == 1 ? distinct.iterator().next() : null,
          participants);
    }
    List<Pass> passes = new ArrayList<>();
    byZone.forEach((zone, group) -> passes.add(new Pass(zone, group)));
    return new Zones(passes, null, participants);
  }

  private ImportTimeZone choose(Plan plan, UserId user, String fileName) {
    try {
      return timeZones.choose(plan.format(), plan.requestedZone(), user);
    } catch (RuntimeException e) {
      throw new ImportFailedException(
          fileName,
          "cannot read the profile of user "
              + user
              + " to learn the time zone its timestamps are in ("
              + e.getMessage()
              + "); nothing was imported. Import again, or name the zone (timeZone) to import"
              + " without the profile",
          e);
    }
  }

  private Map<String, String> parseUserMap(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return Map.of();
    }
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> raw = json.readValue(text.getBytes(StandardCharsets.UTF_8), Map.class);
      Map<String, String> map = new LinkedHashMap<>();
      raw.forEach((k, v) -> map.put(k, v == null ? null : String.valueOf(v)));
      return map;
    } catch (IOException | RuntimeException e) {
      throw ProblemException.invalid(
          "userMap", "must be a JSON object {\"datasetId\": \"platformUserId\"}");
    }
  }

  private static UserId parseUser(String field, @Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return UserId.of(value.strip());
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalid(field, e.getMessage());
    }
  }

  private static boolean mayActForOthers(Caller caller) {
    return caller.roles().stream().anyMatch(Caller.WRITE_FOR_OTHERS::contains);
  }

  /**
   * Same content, same format, same users and zones: the same import. An import read in one zone
   * has the key it had before zones were chosen per participant.
   */
  private static String scopeKey(Plan plan, Zones zones, String content) {
    boolean perParticipant = zones.passes().size() > 1;
    StringBuilder scope = new StringBuilder();
    scope
        .append(plan.format().code())
        .append('|')
        .append(plan.user())
        .append('|')
        .append(perParticipant ? "per-participant" : zones.passes().get(0).zone())
        .append('|');
    plan.participants()
        .forEach(
            (k, v) -> {
              scope.append(k).append('=').append(v.value());
              if (perParticipant) {
                scope.append('@').append(zones.participants().get(k).zone());
              }
              scope.append(',');
            });
    scope.append('|').append(content);
    return hex(digest().digest(scope.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** The file's extension as archive keys allow it ({@code xml}, {@code zip}), or {@code bin}. */
  static String extension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    return ext.matches("[a-z0-9]{1,10}") ? ext : "bin";
  }

  /** A temporary file for an upload; the caller deletes it. */
  public static Path tempFile() {
    try {
      return Files.createTempFile("vitalake-import-", ".upload");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file for the upload", e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("cannot delete {}", file, e);
    }
  }
}
