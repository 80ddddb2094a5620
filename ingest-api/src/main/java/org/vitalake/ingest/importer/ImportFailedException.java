package org.vitalake.ingest.importer;

/** A file that cannot be imported at all (corrupt, truncated, not the format), naming the file. */
public final class ImportFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final String reason;

  public ImportFailedException(String file, String message) {
    super(file + ": " + message);
    this.file = file;
    this.reason = message;
  }

  public ImportFailedException(String file, String message, Throwable cause) {
    super(file + ": " + message, cause);
    this.file = file;
    this.reason = message;
  }

  /** What is wrong, without the file name. */
  public String reason() {
    return reason;
  }

  /** The file that could not be read. */
  public String file() {
    return file;
  }
}
