package org.vitalake.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.UserId;

class UserProfileTest {

  private static final UserId USER = UserId.of("u1");
  private static final Instant UPDATED = Instant.parse("2024-03-10T12:00:00Z");

  private static UserProfile profile(Integer birthYear, Double heightCm, Double weightKg) {
    return new UserProfile(
        USER,
        birthYear,
        Sex.FEMALE,
        heightCm,
        weightKg,
        ZoneId.of("Europe/Oslo"),
        List.of("sleep_better"),
        UPDATED);
  }

  @Test
  void acceptsACompleteProfile() {
    // when
    UserProfile profile = profile(1988, 168.0, 61.5);

    // then
    assertThat(profile.birthYear()).isEqualTo(1988);
    assertThat(profile.goals()).containsExactly("sleep_better");
  }

  @Test
  void acceptsAProfileWithOnlyTheIdAndTime() {
    // when
    UserProfile profile = new UserProfile(USER, null, null, null, null, null, null, UPDATED);

    // then
    assertThat(profile.sex()).isEqualTo(Sex.UNSPECIFIED);
    assertThat(profile.goals()).isEmpty();
  }

  @Test
  void acceptsTheBoundsOfEveryRange() {
    int currentYear = Year.now(ZoneOffset.UTC).getValue();
    assertThat(profile(1900, 50.0, 20.0).birthYear()).isEqualTo(1900);
    assertThat(profile(currentYear, 260.0, 400.0).birthYear()).isEqualTo(currentYear);
  }

  @Test
  void rejectsABirthYearBefore1900() {
    assertThatThrownBy(() -> profile(1899, null, null))
        .isInstanceOfSatisfying(
            InvalidProfileException.class, e -> assertThat(e.field()).isEqualTo("birthYear"))
        .hasMessageStartingWith("birthYear 1899 is outside the allowed range 1900-");
  }

  @Test
  void rejectsABirthYearInTheFuture() {
    int nextYear = Year.now(ZoneOffset.UTC).getValue() + 1;
    assertThatThrownBy(() -> profile(nextYear, null, null))
        .isInstanceOf(InvalidProfileException.class)
        .hasMessageContaining(String.valueOf(nextYear));
  }

  @Test
  void rejectsAHeightOutsideFiftyToTwoHundredSixtyCentimetres() {
    assertThatThrownBy(() -> profile(null, 49.9, null))
        .isInstanceOfSatisfying(
            InvalidProfileException.class, e -> assertThat(e.field()).isEqualTo("heightCm"))
        .hasMessage("heightCm 49.9 is outside the allowed range 50.0-260.0 cm");
    assertThatThrownBy(() -> profile(null, 260.1, null))
        .isInstanceOf(InvalidProfileException.class);
  }

  @Test
  void rejectsAWeightOutsideTwentyToFourHundredKilograms() {
    assertThatThrownBy(() -> profile(null, null, 401.0))
        .isInstanceOfSatisfying(
            InvalidProfileException.class, e -> assertThat(e.field()).isEqualTo("weightKg"))
        .hasMessage("weightKg 401.0 is outside the allowed range 20.0-400.0 kg");
    assertThatThrownBy(() -> profile(null, null, 19.0)).isInstanceOf(InvalidProfileException.class);
  }

  @Test
  void rejectsBlankGoals() {
    assertThatThrownBy(
            () -> new UserProfile(USER, null, null, null, null, null, List.of(" "), UPDATED))
        .isInstanceOfSatisfying(
            InvalidProfileException.class, e -> assertThat(e.field()).isEqualTo("goals"));
  }

  @Test
  void requiresUpdatedAt() {
    assertThatThrownBy(() -> new UserProfile(USER, null, null, null, null, null, null, null))
        .isInstanceOfSatisfying(
            InvalidProfileException.class, e -> assertThat(e.field()).isEqualTo("updatedAt"));
  }

  @Test
  void hasNoFieldThatCouldHoldANameOrEmail() {
    assertThat(UserProfile.class.getRecordComponents())
        .extracting(c -> c.getName().toLowerCase())
        .noneMatch(name -> name.contains("name") || name.contains("mail"));
  }
}
