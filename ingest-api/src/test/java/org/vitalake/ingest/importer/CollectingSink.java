package org.vitalake.ingest.importer;

import java.util.ArrayList;
import java.util.List;
import org.vitalake.core.journal.JournalEntry;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.Sample;

/** Keeps everything an importer hands over, for assertions. */
public final class CollectingSink implements ImportSink {

  public final List<Sample> samples = new ArrayList<>();
  public final List<JournalEntry> entries = new ArrayList<>();
  public final List<Rejection> rejections = new ArrayList<>();
  public long recordsRead;

  @Override
  public void recordRead() {
    recordsRead++;
  }

  @Override
  public void accept(Sample sample) {
    samples.add(sample);
  }

  @Override
  public void accept(JournalEntry entry) {
    entries.add(entry);
  }

  @Override
  public void reject(Rejection rejection) {
    rejections.add(rejection);
  }

  public List<Sample> samplesOf(Metric metric) {
    return samples.stream().filter(s -> s.metric() == metric).toList();
  }
}
