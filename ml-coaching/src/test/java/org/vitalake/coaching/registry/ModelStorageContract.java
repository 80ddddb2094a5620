package org.vitalake.coaching.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link ModelStorage} adapter must show. */
public abstract class ModelStorageContract {

  protected abstract ModelStorage storage();

  @Test
  void returnsWhatWasPut() {
    // given
    ModelStorage storage = storage();

    // when
    storage.put("models/a/v0001/model.tribuo", "one".getBytes(StandardCharsets.UTF_8));
    storage.put("models/a/v0001/model.tribuo", "two".getBytes(StandardCharsets.UTF_8));

    // then
    assertThat(storage.find("models/a/v0001/model.tribuo"))
        .hasValueSatisfying(
            b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("two"));
    assertThat(storage.find("models/a/v0002/model.tribuo")).isEmpty();
  }

  @Test
  void listsKeysByPrefixInOrder() {
    // given
    ModelStorage storage = storage();
    storage.put("models/b/v0002/entry.json", new byte[] {2});
    storage.put("models/b/v0001/entry.json", new byte[] {1});
    storage.put("models/c/v0001/entry.json", new byte[] {3});

    // then
    assertThat(storage.list("models/b/"))
        .containsExactly("models/b/v0001/entry.json", "models/b/v0002/entry.json");
  }

  @Test
  void rejectsKeysThatEscapeTheRoot() {
    assertThatThrownBy(() -> storage().put("../outside", new byte[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'../outside'");
  }
}
