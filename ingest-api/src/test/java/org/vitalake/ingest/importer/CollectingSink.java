package org.vitalake.ingest.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.vitalake.core.id.UserId;
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

  /**
   * What {@code importer} alone makes of {@code file} for {@code user} in {@code zone}: the
   * expectation an import through the service is compared with.
   */
  public static CollectingSink parse(VendorImporter importer, Path file, String user, ZoneId zone)
      throws IOException {
    CollectingSink sink = new CollectingSink();
    try (ImportInput input = ImportInput.open(file)) {
      importer.importFrom(input, ImportOptions.forUser(UserId.of(user), zone, Instant.now()), sink);
    }
    return sink;
  }

  public List<Sample> samplesOf(Metric metric) {
    return samples.stream().filter(s -> s.metric() == metric).toList();
  }
}
