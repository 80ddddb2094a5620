package org.vitalake.ingest.importer.pmdata;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.vitalake.core.id.UserId;
import org.vitalake.ingest.importer.CsvReader;
import org.vitalake.ingest.importer.ImportFailedException;
import org.vitalake.ingest.importer.ImportInput;
import org.vitalake.ingest.importer.ImportOptions;
import org.vitalake.ingest.importer.ImportSink;
import org.vitalake.ingest.importer.VendorImporter;
import org.vitalake.ingest.importer.fitbit.FitbitWebApiImporter;

/**
 * Imports the PMData dataset (a folder or zip of {@code pNN/} participant folders, or one
 * participant's): the self-reports of {@code pmsys/wellness.csv}, {@code pmsys/srpe.csv} and {@code
 * googledocs/reporting.csv} as journal entries, and the participant's {@code fitbit/*.json} through
 * the Fitbit Web API importer.
 */
public final class PmdataImporter implements VendorImporter {

  private final PmdataWellnessMapper wellness = new PmdataWellnessMapper();
  private final PmdataSrpeMapper srpe = new PmdataSrpeMapper();
  private final PmdataReportingMapper reporting = new PmdataReportingMapper();

  @Override
  public void importFrom(ImportInput input, ImportOptions options, ImportSink sink)
      throws IOException {
    boolean any = false;
    for (String entry : input.entries()) {
      String name = entry.toLowerCase(Locale.ROOT);
      Report report =
          name.endsWith("pmsys/wellness.csv") || name.equals("wellness.csv")
              ? Report.WELLNESS
              : name.endsWith("pmsys/srpe.csv") || name.equals("srpe.csv")
                  ? Report.SRPE
                  : name.endsWith("reporting.csv") ? Report.REPORTING : null;
      if (report == null) {
        continue;
      }
      any = true;
      String file = input.entries().size() == 1 ? input.name() : entry;
      Optional<UserId> user = userOf(entry, file, options);
      if (user.isEmpty()) {
        continue;
      }
      try (InputStream in = input.open(entry);
          CsvReader csv = new CsvReader(in, file)) {
        read(report, csv, file, user.get(), options, sink);
      }
    }
    boolean json =
        input.entries().stream().anyMatch(e -> e.toLowerCase(Locale.ROOT).endsWith(".json"));
    if (json) {
      new FitbitWebApiImporter().importFrom(input, options, sink);
    } else if (!any) {
      throw new ImportFailedException(
          input.name(),
          "no PMData file found; expected pNN/pmsys/wellness.csv, pNN/pmsys/srpe.csv, pNN/googledocs/reporting.csv or pNN/fitbit/*.json");
    }
  }

  @Override
  public List<String> findParticipants(ImportInput input) {
    TreeSet<String> ids = new TreeSet<>();
    for (String entry : input.entries()) {
      String participant = FitbitWebApiImporter.participantOf(entry);
      if (participant != null) {
        ids.add(participant);
      }
    }
    return List.copyOf(ids);
  }

  private enum Report {
    WELLNESS,
    SRPE,
    REPORTING
  }

  private static Optional<UserId> userOf(String entry, String file, ImportOptions options) {
    String participant = FitbitWebApiImporter.participantOf(entry);
    return participant != null
        ? options.userFor(participant)
        : Optional.of(options.requireUser(file));
  }

  private void read(
      Report report,
      CsvReader csv,
      String file,
      UserId user,
      ImportOptions options,
      ImportSink sink)
      throws IOException {
    ZoneId zone = options.timeZone();
    switch (report) {
      case WELLNESS -> csv.requireColumns("effective_time_frame");
      case SRPE -> csv.requireColumns("end_date_time", "activity_names");
      case REPORTING -> csv.requireColumns("date");
    }
    // a day's evening reports are merged before they are emitted (see PmdataReportingMapper)
    List<PmdataReportingMapper.Report> reports = new ArrayList<>();
    CsvReader.Row row;
    while ((row = csv.next()) != null) {
      sink.recordRead();
      CsvReader.Row current = row;
      switch (report) {
        case WELLNESS ->
            sink.attempt(
                file,
                row.line(),
                "effective_time_frame",
                () -> sink.accept(wellness.map(current, user, zone)));
        case SRPE ->
            sink.attempt(
                file,
                row.line(),
                "end_date_time",
                () -> sink.accept(srpe.map(current, user, zone)));
        case REPORTING ->
            sink.attempt(
                file,
                row.line(),
                "date",
                () -> reports.add(reporting.map(current, user, zone, options.now())));
      }
    }
    PmdataReportingMapper.acceptMerged(reports, sink);
  }
}
