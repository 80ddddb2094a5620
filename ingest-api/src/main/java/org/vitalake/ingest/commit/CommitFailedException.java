package org.vitalake.ingest.commit;

/**
 * The commit a submission was part of failed: none of its items are stored, and every other
 * submission of the same commit failed too.
 */
public final class CommitFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CommitFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
