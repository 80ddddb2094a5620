package org.vitalake.ingest.importer;

import java.util.ArrayList;
import java.util.List;
import org.vitalake.core.journal.JournalEntry;
import org.vitalake.core.sample.Sample;

/**
 * Keeps what a worker thread maps, in order, so the importing thread can hand it to the real sink:
 * sinks stay single-threaded while mapping runs in parallel.
 */
public final class BufferedImportSink implements ImportSink {

  private static final Object READ = new Object();

  private final List<Object> events = new ArrayList<>();

  @Override
  public void recordRead() {
    events.add(READ);
  }

  @Override
  public void accept(Sample sample) {
    events.add(sample);
  }

  @Override
  public void accept(JournalEntry entry) {
    events.add(entry);
  }

  @Override
  public void reject(Rejection rejection) {
    events.add(rejection);
  }

  /** Hands everything kept to {@code sink}, in the order it arrived. */
  public void replayTo(ImportSink sink) {
    for (Object event : events) {
      if (event == READ) {
        sink.recordRead();
      } else if (event instanceof Sample sample) {
        sink.accept(sample);
      } else if (event instanceof JournalEntry entry) {
        sink.accept(entry);
      } else {
        sink.reject((Rejection) event);
      }
    }
  }
}
