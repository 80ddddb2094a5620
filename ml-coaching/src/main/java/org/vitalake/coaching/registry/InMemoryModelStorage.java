package org.vitalake.coaching.registry;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Model storage in memory, for unit tests of code that uses the registry. */
public final class InMemoryModelStorage implements ModelStorage {

  private final ConcurrentSkipListMap<String, byte[]> objects = new ConcurrentSkipListMap<>();

  @Override
  public void put(String key, byte[] bytes) {
    objects.put(ModelStorage.checkKey(key), bytes.clone());
  }

  @Override
  public Optional<byte[]> find(String key) {
    return Optional.ofNullable(objects.get(ModelStorage.checkKey(key))).map(byte[]::clone);
  }

  @Override
  public List<String> list(String prefix) {
    return objects.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
  }
}
