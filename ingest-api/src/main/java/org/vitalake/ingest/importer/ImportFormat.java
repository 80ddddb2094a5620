package org.vitalake.ingest.importer;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.vitalake.ingest.importer.applehealth.AppleHealthImporter;
import org.vitalake.ingest.importer.fit.GarminFitImporter;
import org.vitalake.ingest.importer.fitabase.FitabaseImporter;
import org.vitalake.ingest.importer.fitbit.FitbitWebApiImporter;
import org.vitalake.ingest.importer.googlefit.GoogleFitImporter;
import org.vitalake.ingest.importer.pmdata.PmdataImporter;

/**
 * A file format the importer reads, with its command-line name and the time zone its zone-less
 * timestamps are read in when neither the import request nor the user's profile names one (see
 * {@link ImportTimeZones}). Apple Health and FIT timestamps carry their own offset or instant, so
 * their default zone is never used: a FIT file whose device wrote no local offset keeps no offset,
 * and the nightly normalize takes the local day from the user's profile zone.
 */
public enum ImportFormat {
  APPLE_HEALTH("apple-health", ZoneId.of("UTC"), AppleHealthImporter::new),
  /** Fitabase exports come from US studies; their timestamps carry no zone. */
  FITABASE("fitabase", ZoneId.of("America/New_York"), FitabaseImporter::new),
  FITBIT_JSON("fitbit-json", ZoneId.of("UTC"), FitbitWebApiImporter::new),
  /** PMData was recorded in Norway. */
  PMDATA("pmdata", ZoneId.of("Europe/Oslo"), PmdataImporter::new),
  FIT("fit", ZoneId.of("UTC"), GarminFitImporter::new),
  GOOGLE_FIT("google-fit", ZoneId.of("UTC"), GoogleFitImporter::new);

  private final String code;
  private final ZoneId defaultZone;
  private final Supplier<VendorImporter> importer;

  ImportFormat(String code, ZoneId defaultZone, Supplier<VendorImporter> importer) {
    this.code = code;
    this.defaultZone = defaultZone;
    this.importer = importer;
  }

  /** The name used on the command line and in {@code POST /imports}, e.g. {@code apple-health}. */
  public String code() {
    return code;
  }

  /**
   * The zone zone-less timestamps are read in when neither the request nor the user's profile names
   * one.
   */
  public ZoneId defaultZone() {
    return defaultZone;
  }

  /** Creates the importer for this format. */
  public VendorImporter createImporter() {
    return importer.get();
  }

  /**
   * Parses a format name ignoring case, {@code _} for {@code -}.
   *
   * @throws IllegalArgumentException naming the value and listing the formats
   */
  public static ImportFormat parse(String value) {
    if (value != null) {
      String normalized = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
      for (ImportFormat format : values()) {
        if (format.code.equals(normalized)) {
          return format;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown import format '"
            + value
            + "'; formats: "
            + String.join(", ", Arrays.stream(values()).map(ImportFormat::code).toList()));
  }
}
