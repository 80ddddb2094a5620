package org.vitalake.batch.pipeline;

/**
 * What a stage did, for the run summary and the job repository.
 *
 * @param rowsIn rows read (or files, for maintenance); -1 when unknown
 * @param rowsOut rows written (or files); -1 when unknown
 * @param note one line about the stage's work, e.g. {@code 3 tables, 42 days}
 */
public record StageResult(long rowsIn, long rowsOut, String note) {

  /** A stage that had nothing to do. */
  public static StageResult skipped(String why) {
    return new StageResult(0, 0, why);
  }
}
