package org.vitalake.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EntryTypeTest {

  @ParameterizedTest
  @EnumSource(EntryType.class)
  void parsesItsCodeAndName(EntryType type) {
    assertThat(EntryType.parse(type.code())).isEqualTo(type);
    assertThat(EntryType.parse(type.name())).isEqualTo(type);
  }

  @Test
  void parsesCamelCase() {
    assertThat(EntryType.parse("sleepReport")).isEqualTo(EntryType.SLEEP_REPORT);
  }

  @Test
  void rejectsAnUnknownTypeOnTheEntryTypeField() {
    assertThatThrownBy(() -> EntryType.parse("dream"))
        .isInstanceOfSatisfying(
            InvalidJournalEntryException.class, e -> assertThat(e.field()).isEqualTo("entryType"))
        .hasMessage(
            "unknown entry type 'dream'; valid types: meal, mood, activity, symptom, note,"
                + " sleep_report, wellness, drink");
  }
}
