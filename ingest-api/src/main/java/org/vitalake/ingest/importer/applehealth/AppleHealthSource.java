package org.vitalake.ingest.importer.applehealth;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.vitalake.core.sample.DeviceType;

/**
 * Turns Apple's {@code sourceName} and {@code device} attributes into the source, device and device
 * type the platform stores, from product names and hardware ids only, never free text that may hold
 * the owner's name.
 */
final class AppleHealthSource {

  /**
   * Known Apple products and apps, longest first; {@code sourceName} is a name the owner chose
   * ("iPhone de Marie", "Marias iPhone"), so only these words are taken from it.
   */
  private static final List<String> PRODUCTS =
      List.of("Apple Watch", "iPhone", "iPad", "iPod", "Health");

  private static final List<Pattern> PRODUCT_PATTERNS =
      PRODUCTS.stream()
          .map(
              p ->
                  Pattern.compile(
                      "(?<![\\p{L}\\p{N}])" + Pattern.quote(p) + "(?![\\p{L}\\p{N}])",
                      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
          .toList();

  /** Apple's model identifiers, e.g. {@code Watch6,7} or {@code iPhone12,1}. */
  private static final Pattern HARDWARE = Pattern.compile("[A-Za-z]{2,16}\\d{1,3},\\d{1,3}");

  private static final String OTHER = "other";

  private static final int CACHE_LIMIT = 1024;

  /** What {@code <<HKDevice: 0x3012772a0>} is followed by in a device description. */
  private static final String DEVICE_PREFIX = "<<HKDevice: 0x";

  private final Map<String, String> sources = new ConcurrentHashMap<>();

  private final Map<OriginKey, Origin> origins = new ConcurrentHashMap<>();

  /** The previous record's attributes and origin: records of one device come in long runs. */
  private Remembered last;

  /** Where a record came from, as the platform stores it. */
  record Origin(String source, String device, DeviceType deviceType) {}

  /** A record's attributes, its device description without the object address. */
  private record OriginKey(String sourceName, String deviceKeys, boolean userEntered) {}

  private record Remembered(OriginKey key, Origin origin) {

    boolean matches(String sourceName, String device, int keysFrom, boolean userEntered) {
      String keys = key.deviceKeys();
      if (key.userEntered() != userEntered || !Objects.equals(key.sourceName(), sourceName)) {
        return false;
      }
      if (device == null || keys == null) {
        return device == keys;
      }
      return device.length() - keysFrom == keys.length()
          && device.regionMatches(keysFrom, keys, 0, keys.length());
    }
  }

  /**
   * {@link #source}, {@link #device} and {@link #deviceType} of a record. A device description
   * differs from record to record only in its object address, which none of them reads, so they are
   * worked out once per source name and description without it: the previous record's are reused as
   * they are, others are looked up (up to 1,024 of them).
   */
  Origin origin(String sourceName, String device, boolean userEntered) {
    int keysFrom = keysStart(device);
    Remembered previous = last;
    if (previous != null && previous.matches(sourceName, device, keysFrom, userEntered)) {
      return previous.origin();
    }
    OriginKey key =
        new OriginKey(sourceName, device == null ? null : device.substring(keysFrom), userEntered);
    Origin origin = origins.get(key);
    if (origin == null) {
      String stored = device(device);
      origin =
          new Origin(
              source(sourceName, device), stored, deviceType(stored, sourceName, userEntered));
      if (origins.size() < CACHE_LIMIT) {
        origins.put(key, origin);
      }
    }
    last = new Remembered(key, origin);
    return origin;
  }

  /**
   * Where a device description's keys start: after {@code <<HKDevice: 0x3012772a0>}, or at 0 when
   * it does not start with an object address.
   */
  private static int keysStart(String device) {
    if (device == null || !device.startsWith(DEVICE_PREFIX)) {
      return 0;
    }
    int i = DEVICE_PREFIX.length();
    while (i < device.length() && Character.digit(device.charAt(i), 16) >= 0) {
      i++;
    }
    return i > DEVICE_PREFIX.length() && i < device.length() && device.charAt(i) == '>' ? i + 1 : 0;
  }

  /**
   * {@code apple_health:} plus the product from the device's {@code name:}/{@code model:}, else its
   * hardware id, else a known product named in {@code sourceName}, else {@code other}; e.g. {@code
   * apple_health:Apple Watch}.
   */
  String source(String sourceName, String device) {
    if (device != null && !device.isBlank()) {
      String product = deviceProduct(device);
      if (product == null) {
        product = hardware(device);
      }
      if (product != null) {
        return "apple_health:" + product;
      }
    }
    String name = sourceName == null ? "" : sourceName.strip();
    String cached = sources.get(name);
    if (cached != null) {
      return cached;
    }
    String product = product(name);
    String source = "apple_health:" + (product == null ? OTHER : product);
    if (sources.size() < CACHE_LIMIT) {
      sources.put(name, source);
    }
    return source;
  }

  /**
   * The known product and hardware id from {@code <<HKDevice: 0x3012772a0>, name:Apple Watch, ...,
   * hardware:Watch6,7, ...>}, e.g. {@code Apple Watch Watch6,7}; the object address differs per
   * record and would defeat dedupe, and any other text may be a name, so without these keys nothing
   * is stored.
   */
  static String device(String device) {
    if (device == null || device.isBlank()) {
      return null;
    }
    String product = deviceProduct(device);
    String hardware = hardware(device);
    if (product == null) {
      return hardware;
    }
    return hardware == null ? product : product + " " + hardware;
  }

  /** The known product in the device's {@code name:} key, else in its {@code model:} key. */
  private static String deviceProduct(String device) {
    String product = product(field(device, "name:"));
    if (product != null) {
      return product;
    }
    String model = field(device, "model:");
    // HealthKit writes model "Watch" for the Apple Watch
    if ("Watch".equalsIgnoreCase(model)) {
      return "Apple Watch";
    }
    return product(model);
  }

  /** The {@code hardware:} value when it has the shape of an Apple model identifier. */
  private static String hardware(String device) {
    String hardware = field(device, "hardware:");
    return hardware != null && HARDWARE.matcher(hardware).matches() ? hardware : null;
  }

  /** The first known product named in {@code text}, spelt as Apple does, or null. */
  static String product(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    for (int i = 0; i < PRODUCTS.size(); i++) {
      if (PRODUCT_PATTERNS.get(i).matcher(text).find()) {
        return PRODUCTS.get(i);
      }
    }
    return null;
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
