package org.vitalake.ingest.importer.applehealth;

import java.time.Instant;
import java.util.Map;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.Sample;
import org.vitalake.core.sample.SampleFactory;
import org.vitalake.ingest.importer.RecordException;

/** Maps Apple Health quantity records (heart rate, steps, energy, body mass, ...) to samples. */
final class AppleHealthQuantityMapper {

  /** The quantity types imported, by HealthKit identifier. */
  static final Map<String, Metric> METRICS =
      Map.ofEntries(
          Map.entry("HKQuantityTypeIdentifierHeartRate", Metric.HEART_RATE),
          Map.entry("HKQuantityTypeIdentifierRestingHeartRate", Metric.RESTING_HEART_RATE),
          Map.entry("HKQuantityTypeIdentifierHeartRateVariabilitySDNN", Metric.HRV_SDNN),
          Map.entry("HKQuantityTypeIdentifierStepCount", Metric.STEPS),
          Map.entry("HKQuantityTypeIdentifierDistanceWalkingRunning", Metric.DISTANCE),
          Map.entry("HKQuantityTypeIdentifierActiveEnergyBurned", Metric.ACTIVE_ENERGY),
          Map.entry("HKQuantityTypeIdentifierBasalEnergyBurned", Metric.BASAL_ENERGY),
          Map.entry("HKQuantityTypeIdentifierBodyMass", Metric.WEIGHT),
          Map.entry("HKQuantityTypeIdentifierBodyFatPercentage", Metric.BODY_FAT),
          Map.entry("HKQuantityTypeIdentifierOxygenSaturation", Metric.SPO2),
          Map.entry("HKQuantityTypeIdentifierRespiratoryRate", Metric.RESPIRATORY_RATE),
          Map.entry("HKQuantityTypeIdentifierAppleExerciseTime", Metric.ACTIVE_MINUTES),
          Map.entry("HKQuantityTypeIdentifierFlightsClimbed", Metric.FLOORS));

  private final AppleHealthSource sources = new AppleHealthSource();

  /** Whether {@code type} is a quantity this mapper imports. */
  boolean handles(String type) {
    return METRICS.containsKey(type);
  }

  Sample map(AppleHealthRecord record, UserId user, Instant now) {
    Metric metric = METRICS.get(record.type());
    double value = parseValue(record.value());
    Instant start = AppleHealthDates.parseInstant("startDate", record.startDate());
    Instant end = AppleHealthDates.parseInstant("endDate", record.endDate());
    // instantaneous readings carry startDate == endDate; only intervals keep an end
    Instant sampleEnd = metric.kind().requiresEnd() || end.isAfter(start) ? end : null;
    AppleHealthSource.Origin origin =
        sources.origin(record.sourceName(), record.device(), record.userEntered());
    return SampleFactory.create(
        user,
        metric.code(),
        value,
        unit(metric, record.unit()),
        start,
        sampleEnd,
        AppleHealthDates.parseOffset("startDate", record.startDate()),
        origin.source(),
        origin.device(),
        origin.deviceType(),
        now);
  }

  /**
   * Apple writes body fat and oxygen saturation with unit {@code %} but as fractions (0.97 for 97
   * %).
   */
  private static String unit(Metric metric, String unit) {
    if ((metric == Metric.BODY_FAT || metric == Metric.SPO2) && "%".equals(unit)) {
      return "fraction";
    }
    if (unit == null || unit.isBlank()) {
      throw new RecordException("unit", metric.code() + " record has no unit");
    }
    return unit;
  }

  static double parseValue(String value) {
    if (value == null || value.isBlank()) {
      throw new RecordException("value", "value is missing");
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new RecordException("value", "value '" + value + "' is not a number");
    }
  }
}
