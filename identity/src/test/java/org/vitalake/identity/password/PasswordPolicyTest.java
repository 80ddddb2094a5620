package org.vitalake.identity.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

  @Test
  void rejectsPasswordsShorterThanTheMinimum() {
    String nine = "Abcdefgh1";
    assertThat(nine).hasSize(PasswordPolicy.MIN_LENGTH - 1);
    assertThat(PasswordPolicy.findWeakness(nine))
        .hasValueSatisfying(m -> assertThat(m).contains("at least 10"));
  }

  @Test
  void rejectsPasswordsOfASingleCharacterClass() {
    assertThat(PasswordPolicy.findWeakness("abcdefghijkl")).isPresent();
    assertThat(PasswordPolicy.findWeakness("ABCDEFGHIJKL")).isPresent();
    assertThat(PasswordPolicy.findWeakness("123456789012")).isPresent();
    assertThat(PasswordPolicy.findWeakness("!@#$%^&*()_+")).isPresent();
  }

  @Test
  void acceptsLongPasswordsMixingTwoClasses() {
    assertThat(PasswordPolicy.findWeakness("abcdefghij1")).isEmpty();
    assertThat(PasswordPolicy.findWeakness("correct horse battery")).isEmpty();
  }

  @Test
  void rejectsMissingAndOverlongPasswords() {
    assertThat(PasswordPolicy.findWeakness(null)).contains("is required");
    assertThat(PasswordPolicy.findWeakness("aB1".repeat(43))).isPresent();
  }
}
