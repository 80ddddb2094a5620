package org.vitalake.ingest.importer;

import java.time.ZoneId;
import java.util.Objects;

/**
 * The zone an import reads a user's timestamps without an offset in, and why that zone.
 *
 * @param zone the zone
 * @param source where it came from
 */
public record ImportTimeZone(ZoneId zone, Source source) {

  public ImportTimeZone {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(source, "source");
  }

  /** Where an import's zone came from, in order of precedence. */
  public enum Source {
    /** The import request named it ({@code timeZone}, CLI {@code --time-zone}). */
    REQUEST("request"),
    /** The user's latest profile in {@code bronze.user_profiles}. */
    PROFILE("profile"),
    /** Neither named one: the format's {@link ImportFormat#defaultZone()}. */
    FORMAT_DEFAULT("format-default");

    private final String code;

    Source(String code) {
      this.code = code;
    }

    /** The value reported in {@code GET /imports/{id}}, e.g. {@code format-default}. */
    public String code() {
      return code;
    }
  }
}
