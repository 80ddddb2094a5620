package org.vitalake.lakehouse.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

  @TempDir Path temp;

  private Path tree() throws Exception {
    Path root = temp.resolve("root");
    Files.createDirectories(root.resolve("a/b"));
    Files.writeString(root.resolve("a/b/file.parquet"), "x");
    Files.writeString(root.resolve("top.json"), "{}");
    return root;
  }

  @Test
  void deletesTheWholeTree() throws Exception {
    // given
    Path root = tree();

    // when
    FileTrees.delete(root, false);

    // then
    assertThat(root).doesNotExist();
  }

  @Test
  void keepsAnEmptyRootWhenAsked() throws Exception {
    // given
    Path root = tree();

    // when
    FileTrees.delete(root, true);

    // then
    assertThat(root).isEmptyDirectory();
  }

  @Test
  void ignoresAMissingRoot() throws Exception {
    // when
    FileTrees.delete(temp.resolve("missing"), false);

    // then
    assertThat(temp.resolve("missing")).doesNotExist();
  }
}
