package org.vitalake.ingest.importer;

/** A value in one record that cannot be read, naming the field; the record is rejected. */
public final class RecordException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String field;

  public RecordException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The offending field. */
  public String field() {
    return field;
  }
}
