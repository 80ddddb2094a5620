package org.vitalake.ingest.importer;

import java.util.Objects;

/**
 * A record the importer could not accept.
 *
 * @param file the file within the upload, e.g. {@code hourlySteps_merged.csv}
 * @param record the line number (text files, 1-based, the header is line 1) or the record number
 *     (XML, JSON and FIT files, 1-based)
 * @param field the offending field as the file names it, or as the platform names it
 * @param reason what is wrong
 */
public record Rejection(String file, long record, String field, String reason) {

  public Rejection {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(reason, "reason");
  }

  /** {@code file:record field: reason}, as the command line prints it. */
  public String describe() {
    return file + ":" + record + (field == null ? "" : " " + field) + ": " + reason;
  }
}
