package org.vitalake.ingest.importer;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the real datasets under {@code ../shared/data} (or {@code $VITALAKE_DATA_DIR}). */
public final class SharedData {

  private SharedData() {}

  public static Path root() {
    String override = System.getenv("VITALAKE_DATA_DIR");
    Path root =
        override != null && !override.isBlank()
            ? Path.of(override)
            : Path.of("").toAbsolutePath().getParent().getParent().resolve("shared/data");
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException(
          "the shared datasets are not at " + root + "; set VITALAKE_DATA_DIR to their folder");
    }
    return root;
  }

  public static Path file(String relative) {
    return root().resolve(relative);
  }
}
