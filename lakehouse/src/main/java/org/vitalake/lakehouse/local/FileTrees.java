package org.vitalake.lakehouse.local;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Deletes directory trees on the local disk: stack folders, scratch data, partial exports. */
public final class FileTrees {

  private FileTrees() {}

  /**
   * Deletes {@code root} and everything below it; nothing happens when it does not exist.
   *
   * @param keepRoot delete only what is below {@code root}, leaving the directory itself
   */
  public static void delete(Path root, boolean keepRoot) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            if (!keepRoot || !dir.equals(root)) {
              Files.deleteIfExists(dir);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
