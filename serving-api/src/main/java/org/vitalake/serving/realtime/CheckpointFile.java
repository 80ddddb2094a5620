package org.vitalake.serving.realtime;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * The last bronze snapshot the consumer processed per table, in a small properties file written
 * atomically (write a temporary file, then rename), so a crash leaves the old or the new
 * checkpoint, never half of one.
 */
public final class CheckpointFile {

  private final Path file;

  public CheckpointFile(Path file) {
    this.file = file.toAbsolutePath().normalize();
  }

  public Path path() {
    return file;
  }

  /** The saved snapshot ids; empty when there is no checkpoint or it cannot be read. */
  public Map<TableIdentifier, Long> load() {
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + file, e);
    }
    Map<TableIdentifier, Long> positions = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames()) {
      try {
        positions.put(TableIdentifier.parse(name), Long.parseLong(properties.getProperty(name)));
      } catch (NumberFormatException e) {
        // a damaged entry means "no checkpoint" for that table: it is rebuilt from its current
        // state
      }
    }
    return positions;
  }

  /** Replaces the checkpoint with {@code positions}. */
  public void save(Map<TableIdentifier, Long> positions) {
    Map<String, String> sorted = new TreeMap<>();
    positions.forEach((id, snapshot) -> sorted.put(id.toString(), Long.toString(snapshot)));
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        out.write("# last bronze snapshot processed by serving-api's near-real-time view\n");
        for (Map.Entry<String, String> e : sorted.entrySet()) {
          out.write(e.getKey() + "=" + e.getValue() + "\n");
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + file, e);
    }
  }

  /** Removes the checkpoint, so the next start rebuilds from the tables' current state. */
  public void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete checkpoint " + file, e);
    }
  }
}
