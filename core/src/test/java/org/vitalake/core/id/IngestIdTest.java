package org.vitalake.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IngestIdTest {

  @Test
  void randomIdIsACanonicalUuid() {
    // when
    IngestId id = IngestId.random();

    // then
    assertThat(UUID.fromString(id.value()).toString()).isEqualTo(id.value());
    assertThat(id).hasToString(id.value());
  }

  @Test
  void storesUpperCaseUuidsInLowerCase() {
    // given
    String upper = "123E4567-E89B-12D3-A456-426614174000";

    // when / then
    assertThat(IngestId.of(upper)).isEqualTo(IngestId.of(upper.toLowerCase()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not-a-uuid", "1-1-1-1-1", "123e4567e89b12d3a456426614174000"})
  void rejectsNonUuidsNamingThem(String value) {
    assertThatThrownBy(() -> IngestId.of(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ingestId")
        .hasMessageContaining("'" + value + "'");
  }

  @Test
  void entryIdFollowsTheSameRules() {
    // given
    EntryId random = EntryId.random();

    // when / then
    assertThat(EntryId.of(random.value())).isEqualTo(random);
    assertThatThrownBy(() -> EntryId.of("meal-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("entryId 'meal-1'");
  }
}
