package org.vitalake.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"u1", "user-42", "a.b_c:d-e", "7f3a9c2e-0d4b-4c5e-9f1a-2b3c4d5e6f70"})
  void acceptsPseudonymousIds(String value) {
    // when
    UserId id = UserId.of(value);

    // then
    assertThat(id.value()).isEqualTo(value);
    assertThat(id).hasToString(value);
  }

  @Test
  void acceptsSixtyFourCharacters() {
    // given
    String value = "a".repeat(UserId.MAX_LENGTH);

    // when / then
    assertThat(UserId.of(value).value()).hasSize(64);
  }

  @Test
  void rejectsSixtyFiveCharactersNamingTheLimit() {
    // given
    String value = "a".repeat(UserId.MAX_LENGTH + 1);

    // when / then
    assertThatThrownBy(() -> UserId.of(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("65 characters")
        .hasMessageContaining("1-64");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-leading", ".dot", "has space", "alice@example.com", "a/b"})
  void rejectsMalformedIdsNamingThem(String value) {
    assertThatThrownBy(() -> UserId.of(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + value + "'");
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> UserId.of(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("userId");
  }

  @Test
  void randomIdsAreValidAndDistinct() {
    // when
    UserId first = UserId.random();
    UserId second = UserId.random();

    // then
    assertThat(first).isNotEqualTo(second);
    assertThat(UserId.of(first.value())).isEqualTo(first);
  }

  @Test
  void equalValuesAreEqualIds() {
    assertThat(UserId.of("u1")).isEqualTo(new UserId("u1")).hasSameHashCodeAs(new UserId("u1"));
  }
}
