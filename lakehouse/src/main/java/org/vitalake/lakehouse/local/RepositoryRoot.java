package org.vitalake.lakehouse.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the Vitalake checkout by walking up from a directory, so defaults work from any module.
 */
public final class RepositoryRoot {

  private RepositoryRoot() {}

  /**
   * Finds the nearest directory at or above {@code start} that holds the parent {@code pom.xml} and
   * the {@code lakehouse} module.
   */
  public static Optional<Path> find(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml"))
          && Files.isRegularFile(dir.resolve("lakehouse").resolve("pom.xml"))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /** The checkout containing the working directory, or the working directory itself. */
  public static Path findFromWorkingDirectory() {
    Path cwd = Path.of(System.getProperty("user.dir"));
    return find(cwd).orElse(cwd.toAbsolutePath().normalize());
  }
}
