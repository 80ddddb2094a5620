package org.vitalake.ingest.commit;

/** Thrown when a submission would exceed the committer's pending-item limit (back-pressure). */
public final class CommitQueueFullException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CommitQueueFullException(String message) {
    super(message);
  }
}
