package org.vitalake.core.sample;

import java.util.Arrays;
import java.util.Locale;

/** The kind of device that produced a sample, used for source priority when readings overlap. */
public enum DeviceType {
  WATCH("watch", "wrist", "band", "tracker", "fitness_tracker"),
  RING("ring"),
  PHONE("phone", "iphone", "smartphone"),
  SCALE("scale", "smart_scale"),
  CHEST_STRAP("chest_strap", "strap", "hrm", "heart_rate_monitor"),
  MANUAL("manual", "user", "self_reported"),
  UNKNOWN("unknown", "other");

  private final String code;
  private final String[] aliases;

  DeviceType(String code, String... aliases) {
    this.code = code;
    this.aliases = aliases;
  }

  /** The lower-case code stored in the lakehouse, e.g. {@code chest_strap}. */
  public String code() {
    return code;
  }

  /**
   * Parses a code or alias ignoring case and separators ({@code chestStrap}, {@code chest-strap});
   * {@code null} or blank means {@link #UNKNOWN}.
   *
   * @throws IllegalArgumentException naming the value and listing the codes
   */
  public static DeviceType parse(String value) {
    if (value == null || value.isBlank()) {
      return UNKNOWN;
    }
    String normalized =
        value
            .trim()
            .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
            .replaceAll("[\\s\\-.]+", "_")
            .toLowerCase(Locale.ROOT);
    for (DeviceType type : values()) {
      if (type.code.equals(normalized) || Arrays.asList(type.aliases).contains(normalized)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "unknown device type '"
            + value
            + "'; valid device types: "
            + String.join(", ", Arrays.stream(values()).map(DeviceType::code).toList()));
  }
}
