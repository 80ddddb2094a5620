package org.vitalake.coaching.pmdata;

import java.nio.file.Path;

/** A PMData file that cannot be read, naming the file, the line or record, and the field. */
public final class PmDataFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public PmDataFormatException(Path file, String where, String field, String message) {
    super(file + " " + where + " field '" + field + "': " + message);
  }

  public PmDataFormatException(Path file, String message, Throwable cause) {
    super(file + ": " + message, cause);
  }
}
