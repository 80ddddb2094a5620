package org.vitalake.coaching.registry;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileSystemModelStorageTest extends ModelStorageContract {

  @TempDir Path root;

  @Override
  protected ModelStorage storage() {
    return new FileSystemModelStorage(root);
  }
}
