package org.vitalake.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** Limits and group-commit settings of the ingest API ({@code vitalake.ingest.*}). */
@ConfigurationProperties("vitalake.ingest")
public class IngestProperties {

  /** Documented batch limit of {@code POST /sync}; more points are refused with 413. */
  public static final int DEFAULT_MAX_POINTS_PER_REQUEST = 5_000;

  private int maxPointsPerRequest = DEFAULT_MAX_POINTS_PER_REQUEST;
  private Duration commitMaxDelay = Duration.ofMillis(200);
  private int commitMaxBatchItems = 100_000;
  private int commitMaxPendingItems = 400_000;
  private int commitWorkers = 1;
  private int importSampleBatch = 50_000;
  private Duration idempotencyWindow = Duration.ofHours(24);
  private int idempotencyMaxEntries = 100_000;
  private Duration importStatusInterval = Duration.ofSeconds(2);
  private Duration uploadExpiry = Duration.ofHours(24);
  private Duration snapshotRetention = Duration.ofMinutes(5);
  private Duration profileCacheTtl = Duration.ofMinutes(1);

  public int getMaxPointsPerRequest() {
    return maxPointsPerRequest;
  }

  public void setMaxPointsPerRequest(int maxPointsPerRequest) {
    this.maxPointsPerRequest = maxPointsPerRequest;
  }

  /** How long the first waiting request waits for others before its commit starts. */
  public Duration getCommitMaxDelay() {
    return commitMaxDelay;
  }

  public void setCommitMaxDelay(Duration commitMaxDelay) {
    this.commitMaxDelay = commitMaxDelay;
  }

  /** A commit starts as soon as this many items wait. */
  public int getCommitMaxBatchItems() {
    return commitMaxBatchItems;
  }

  public void setCommitMaxBatchItems(int commitMaxBatchItems) {
    this.commitMaxBatchItems = commitMaxBatchItems;
  }

  /** Back-pressure: beyond this many uncommitted items requests get 503 with Retry-After. */
  public int getCommitMaxPendingItems() {
    return commitMaxPendingItems;
  }

  public void setCommitMaxPendingItems(int commitMaxPendingItems) {
    this.commitMaxPendingItems = commitMaxPendingItems;
  }

  /**
   * Threads writing the Parquet files of sample batches; one more thread commits the written
   * batches in order, so writing the next batch overlaps the previous commit.
   */
  public int getCommitWorkers() {
    return commitWorkers;
  }

  public void setCommitWorkers(int commitWorkers) {
    this.commitWorkers = commitWorkers;
  }

  /**
   * Samples an import hands to the group commit at a time: each is one bronze commit, whose fixed
   * cost (metadata, manifests, catalog) larger batches share; an import holds about two in memory.
   */
  public int getImportSampleBatch() {
    return importSampleBatch;
  }

  public void setImportSampleBatch(int importSampleBatch) {
    if (importSampleBatch < 1) {
      throw new IllegalArgumentException(
          "import-sample-batch must be at least 1, was " + importSampleBatch);
    }
    this.importSampleBatch = importSampleBatch;
  }

  /** How long an Idempotency-Key is remembered. */
  public Duration getIdempotencyWindow() {
    return idempotencyWindow;
  }

  public void setIdempotencyWindow(Duration idempotencyWindow) {
    this.idempotencyWindow = idempotencyWindow;
  }

  /** Most keys kept in memory; older ones are recovered from the raw bucket and bronze. */
  public int getIdempotencyMaxEntries() {
    return idempotencyMaxEntries;
  }

  public void setIdempotencyMaxEntries(int idempotencyMaxEntries) {
    this.idempotencyMaxEntries = idempotencyMaxEntries;
  }

  /**
   * How often a running import's state is recorded durably; a state not recorded for five intervals
   * is taken for an import interrupted by a stop of its process.
   */
  public Duration getImportStatusInterval() {
    return importStatusInterval;
  }

  public void setImportStatusInterval(Duration importStatusInterval) {
    this.importStatusInterval = importStatusInterval;
  }

  /**
   * How long an upload in parts may take from its creation until its import starts; later its parts
   * are refused with 410 and deleted.
   */
  public Duration getUploadExpiry() {
    return uploadExpiry;
  }

  public void setUploadExpiry(Duration uploadExpiry) {
    this.uploadExpiry = uploadExpiry;
  }

  /**
   * How long bronze snapshots are kept before the service expires them (every {@code
   * snapshot-expiry-interval}); the snapshot the nightly pipeline reads is kept by its tag.
   */
  public Duration getSnapshotRetention() {
    return snapshotRetention;
  }

  public void setSnapshotRetention(Duration snapshotRetention) {
    this.snapshotRetention = snapshotRetention;
  }

  /**
   * How long an import keeps a user's profile time zone once read; a profile changed in identity is
   * used by imports that start this long (at most) after it reaches {@code bronze.user_profiles}.
   * Zero reads the profile for every import.
   */
  public Duration getProfileCacheTtl() {
    return profileCacheTtl;
  }

  public void setProfileCacheTtl(Duration profileCacheTtl) {
    this.profileCacheTtl = profileCacheTtl;
  }
}
