package org.vitalake.ingest.commit;

/** Observes the commits of a {@link GroupCommitter} (metrics, logs). */
public interface CommitListener {

  /** Does nothing. */
  CommitListener NONE = new CommitListener() {};

  /** A batch of {@code requests} submissions with {@code items} items in total was committed. */
  default void committed(String committer, int requests, int items, long nanos) {}

  /** The commit of a batch failed; every submission in it fails. */
  default void failed(String committer, int requests, int items, long nanos, Throwable cause) {}
}
