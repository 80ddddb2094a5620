package org.vitalake.ingest.commit;

/** Thrown to submissions made after a {@link GroupCommitter} was shut down: nothing was queued. */
public final class CommitterClosedException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  public CommitterClosedException(String message) {
    super(message);
  }
}
