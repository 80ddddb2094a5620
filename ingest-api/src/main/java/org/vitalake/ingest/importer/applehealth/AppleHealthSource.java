package org.vitalake.ingest.importer.applehealth;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vitalake.core.sample.DeviceType;

/**
 * Turns Apple's {@code sourceName} and {@code device} attributes into the source, device and device
 * type the platform stores, without the owner's name and without per-export memory addresses.
 */
final class AppleHealthSource {

  /** "Alexandre's Apple Watch": the owner's name must not reach the lakehouse. */
  private static final Pattern OWNER = Pattern.compile("^.+?['\u2019]s\\s+(\\S.*)$");

  private static final int CACHE_LIMIT = 1024;

  private final Map<String, String> sources = new ConcurrentHashMap<>();

  /**
   * {@code apple_health:} plus the source name without its owner, e.g. {@code apple_health:Apple
   * Watch}.
   */
  String source(String sourceName) {
    String name = sourceName == null || sourceName.isBlank() ? "unknown" : sourceName.strip();
    String cached = sources.get(name);
    if (cached != null) {
      return cached;
    }
    Matcher owner = OWNER.matcher(name);
    String source = "apple_health:" + (owner.matches() ? owner.group(1) : name);
    if (sources.size() < CACHE_LIMIT) {
      sources.put(name, source);
    }
    return source;
  }

  /**
   * The device name and hardware from {@code <<HKDevice: 0x3012772a0>, name:Apple Watch, ...,
   * hardware:Watch6,7, ...>}, e.g. {@code Apple Watch Watch6,7}; the object address differs per
   * record and would defeat dedupe.
   */
  static String device(String device) {
    if (device == null || device.isBlank()) {
      return null;
    }
    String name = field(device, "name:");
    String hardware = field(device, "hardware:");
    if (name == null && hardware == null) {
      return device.length() > 128 ? device.substring(0, 128) : device;
    }
    if (name == null) {
      return hardware;
    }
    return hardware == null ? name : name + " " + hardware;
  }

  /** Watch or phone from the device or source name; the Health app's own entries are manual. */
  static DeviceType deviceType(String device, String sourceName, boolean userEntered) {
    if (userEntered) {
      return DeviceType.MANUAL;
    }
    String text =
        ((device == null ? "" : device) + " " + (sourceName == null ? "" : sourceName))
            .toLowerCase(Locale.ROOT);
    if (text.contains("watch")) {
      return DeviceType.WATCH;
    }
    if (text.contains("iphone")) {
      return DeviceType.PHONE;
    }
    if (text.contains("ring")) {
      return DeviceType.RING;
    }
    if (text.contains("scale")) {
      return DeviceType.SCALE;
    }
    return DeviceType.UNKNOWN;
  }

  /** The value after {@code key} up to the next {@code ", x:"} or the closing {@code >}. */
  private static String field(String device, String key) {
    int start = device.indexOf(key);
    if (start < 0) {
      return null;
    }
    start += key.length();
    int end = start;
    while (end < device.length()) {
      char c = device.charAt(end);
      if (c == '>') {
        break;
      }
      if (c == ',' && nextIsKey(device, end + 1)) {
        break;
      }
      end++;
    }
    String value = device.substring(start, end).strip();
    return value.isEmpty() ? null : value;
  }

  /** Whether {@code ", word:"} follows (values like {@code Watch6,7} contain commas too). */
  private static boolean nextIsKey(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    int wordStart = i;
    while (i < text.length() && Character.isLetter(text.charAt(i))) {
      i++;
    }
    return i > wordStart && i < text.length() && text.charAt(i) == ':';
  }
}
