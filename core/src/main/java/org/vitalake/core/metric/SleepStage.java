package org.vitalake.core.metric;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A stage of sleep; a {@link Metric#SLEEP_STAGE} sample stores the stage {@link #code()} as its
 * value and the stage interval as its start and end.
 */
public enum SleepStage {
  AWAKE(0, "wake", "awake", "restless"),
  LIGHT(1, "light", "core", "asleep_core"),
  DEEP(2, "deep", "asleep_deep"),
  REM(3, "rem", "asleep_rem"),
  /** Asleep without stage detail (classic Fitbit logs, older Apple Watch data). */
  ASLEEP(4, "asleep", "sleeping", "asleep_unspecified"),
  IN_BED(5, "in_bed", "inbed");

  private static final Map<String, SleepStage> BY_NAME = new HashMap<>();

  /**
   * Apple Health prefixes its sleep analysis values, e.g. HKCategoryValueSleepAnalysisAsleepREM.
   */
  private static final String APPLE_PREFIX = "HKCategoryValueSleepAnalysis";

  static {
    for (SleepStage stage : values()) {
      BY_NAME.put(stage.name().toLowerCase(Locale.ROOT), stage);
      for (String name : stage.names) {
        BY_NAME.put(name, stage);
      }
    }
  }

  private final int code;
  private final List<String> names;

  SleepStage(int code, String... names) {
    this.code = code;
    this.names = List.of(names);
  }

  /** The numeric code stored as a sleep-stage sample's value. */
  public int code() {
    return code;
  }

  /**
   * Finds the stage for a stored code.
   *
   * @throws IllegalArgumentException naming the code and the valid range
   */
  public static SleepStage fromCode(int code) {
    for (SleepStage stage : values()) {
      if (stage.code == code) {
        return stage;
      }
    }
    throw new IllegalArgumentException(
        "sleep stage code " + code + " is outside the range 0-" + (values().length - 1));
  }

  /**
   * Parses a stage as vendors name it ({@code deep}, {@code rem}, {@code wake}, {@code restless},
   * Apple's {@code HKCategoryValueSleepAnalysisAsleepCore}, ...), ignoring case and separators.
   * Fitbit's classic {@code restless} maps to awake, so it never counts as sleep.
   *
   * @throws IllegalArgumentException naming the value and listing the stage names
   */
  public static SleepStage parse(String name) {
    SleepStage stage =
        name == null
            ? null
            : BY_NAME.get(Metric.normalize(name.trim().replaceFirst("^" + APPLE_PREFIX, "")));
    if (stage == null) {
      throw new IllegalArgumentException(
          "unknown sleep stage '"
              + name
              + "'; valid stages: "
              + String.join(
                  ", ",
                  Arrays.stream(values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList()));
    }
    return stage;
  }
}
