package org.vitalake.batch.normalize;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * Column expressions that place an instant on the wearer's local calendar: from the offset the
 * sample was recorded in, else from the profile's time zone (with its daylight-saving rules), else
 * UTC.
 *
 * <p>Every expression works on epoch seconds, so the result does not depend on the Spark session's
 * time zone.
 */
public final class LocalDay {

  /** Quality flag: the local day comes from the profile's time zone (the sample had no offset). */
  public static final String ZONE_FROM_PROFILE = "zone_from_profile";

  /** Quality flag: neither an offset nor a profile time zone: the local day is the UTC day. */
  public static final String ZONE_ASSUMED_UTC = "zone_assumed_utc";

  private static final long SECONDS_PER_DAY = 86_400L;

  private LocalDay() {}

  /**
   * The offset in seconds that applies at {@code instant}: {@code offsetSeconds} when present, else
   * the one {@code timeZone} has at that instant (so DST is honoured), else 0.
   */
  public static Column effectiveOffsetSeconds(
      Column instant, Column offsetSeconds, Column timeZone) {
    Column zoneOffset =
        unix_seconds(from_utc_timestamp(instant, timeZone)).minus(unix_seconds(instant));
    return coalesce(offsetSeconds.cast("long"), zoneOffset, lit(0L)).cast("int");
  }

  /** The quality flag for how the offset was found, or null when the sample carried one. */
  public static Column zoneFlag(Column offsetSeconds, Column timeZone) {
    return when(offsetSeconds.isNotNull(), lit(null).cast("string"))
        .when(timeZone.isNotNull(), lit(ZONE_FROM_PROFILE))
        .otherwise(lit(ZONE_ASSUMED_UTC));
  }

  /** The local date of {@code instant} shifted by {@code offsetSeconds}. */
  public static Column localDate(Column instant, Column offsetSeconds) {
    Column localSeconds = unix_seconds(instant).plus(offsetSeconds);
    return functions.date_from_unix_date(floor(localSeconds.divide(SECONDS_PER_DAY)).cast("int"));
  }

  /**
   * Hours in {@code localDate} in {@code timeZone}: 23 on a spring-forward day, 25 on a fall-back
   * day, 24 otherwise and when the zone is unknown.
   */
  public static Column hoursInDay(Column localDate, Column timeZone) {
    Column midnight =
        timestamp_seconds(unix_date(localDate).cast("long").multiply(SECONDS_PER_DAY));
    Column nextMidnight =
        timestamp_seconds(unix_date(localDate).plus(1).cast("long").multiply(SECONDS_PER_DAY));
    Column seconds =
        unix_seconds(to_utc_timestamp(nextMidnight, timeZone))
            .minus(unix_seconds(to_utc_timestamp(midnight, timeZone)));
    return coalesce(seconds.divide(3600.0), lit(24.0));
  }

  /** The UTC instant at which {@code localDate} starts in {@code timeZone} (UTC when unknown). */
  public static Column startOfDay(Column localDate, Column timeZone) {
    Column midnight =
        timestamp_seconds(unix_date(localDate).cast("long").multiply(SECONDS_PER_DAY));
    return coalesce(to_utc_timestamp(midnight, timeZone), midnight);
  }
}
