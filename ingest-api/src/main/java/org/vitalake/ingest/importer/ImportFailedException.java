package org.vitalake.ingest.importer;

/** A file that cannot be imported at all (corrupt, truncated, not the format), naming the file. */
public final class ImportFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String file;

  public ImportFailedException(String file, String message) {
    super(file + ": " + message);
    this.file = file;
  }

  public ImportFailedException(String file, String message, Throwable cause) {
    super(file + ": " + message, cause);
    this.file = file;
  }

  /** The file that could not be read. */
  public String file() {
    return file;
  }
}
