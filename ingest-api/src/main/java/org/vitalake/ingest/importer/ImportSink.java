package org.vitalake.ingest.importer;

import java.time.DateTimeException;
import org.vitalake.core.journal.InvalidJournalEntryException;
import org.vitalake.core.journal.JournalEntry;
import org.vitalake.core.sample.InvalidSampleException;
import org.vitalake.core.sample.Sample;

/** Receives what an importer reads: samples, journal entries and rejected records. */
public interface ImportSink {

  /** Counts one record (line, XML element, JSON object, FIT message) read from the file. */
  void recordRead();

  /** Takes a validated sample. */
  void accept(Sample sample);

  /** Takes a validated journal entry. */
  void accept(JournalEntry entry);

  /** Takes a record that could not be accepted. */
  void reject(Rejection rejection);

  /** One mapping step that may fail on a bad field. */
  @FunctionalInterface
  interface Mapping {
    void run();
  }

  /**
   * Runs one record's mapping and turns a bad field into a {@link Rejection} of that record, so one
   * bad record never aborts the import.
   *
   * @param defaultField the field reported when the failure does not name one
   */
  default void attempt(String file, long record, String defaultField, Mapping mapping) {
    try {
      mapping.run();
    } catch (InvalidSampleException e) {
      reject(new Rejection(file, record, e.field(), e.getMessage()));
    } catch (InvalidJournalEntryException e) {
      reject(new Rejection(file, record, e.field(), e.getMessage()));
    } catch (RecordException e) {
      reject(new Rejection(file, record, e.field(), e.getMessage()));
    } catch (DateTimeException | IllegalArgumentException e) {
      reject(new Rejection(file, record, defaultField, String.valueOf(e.getMessage())));
    }
  }
}
