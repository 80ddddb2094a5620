package org.vitalake.coaching.registry;

import java.util.List;
import java.util.Optional;

/**
 * Where the registry keeps model files and entries: object storage in production, a folder or
 * memory locally. Keys are {@code /}-separated relative paths such as {@code
 * models/readiness-regression/v0001/model.tribuo}.
 */
public interface ModelStorage {

  /** Stores the bytes under the key, replacing what was there. */
  void put(String key, byte[] bytes);

  /** The bytes under the key, or empty when there are none. */
  Optional<byte[]> find(String key);

  /** Every key starting with the prefix, in lexicographic order. */
  List<String> list(String prefix);

  /** Rejects keys that could escape the storage root or address nothing. */
  static String checkKey(String key) {
    if (key == null
        || key.isEmpty()
        || key.startsWith("/")
        || key.contains("\\")
        || List.of(key.split("/", -1)).stream()
            .anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."))) {
      throw new IllegalArgumentException(
          "storage key '"
              + key
              + "' must be a relative path of non-empty segments without . or ..");
    }
    return key;
  }
}
