package org.vitalake.core.sample;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

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
    // stored rows carry the code itself: one lookup, no regular expressions, on the hot path
    DeviceType exact = Names.BY_NAME.get(value);
    if (exact != null) {
      return exact;
    }
    String camel = Names.CAMEL_HUMP.matcher(value.trim()).replaceAll("$1_$2");
    String normalized = Names.SEPARATORS.matcher(camel).replaceAll("_").toLowerCase(Locale.ROOT);
    DeviceType type = Names.BY_NAME.get(normalized);
    if (type != null) {
      return type;
    }
    throw new IllegalArgumentException(
        "unknown device type '"
            + value
            + "'; valid device types: "
            + String.join(", ", Arrays.stream(values()).map(DeviceType::code).toList()));
  }

  /** Codes and aliases by name, and the patterns that normalise other spellings to them. */
  private static final class Names {
    static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");
    static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.]+");
    static final Map<String, DeviceType> BY_NAME = new HashMap<>();

    static {
      for (DeviceType type : values()) {
        BY_NAME.put(type.code, type);
        for (String alias : type.aliases) {
          BY_NAME.put(alias, type);
        }
      }
    }
  }
}
