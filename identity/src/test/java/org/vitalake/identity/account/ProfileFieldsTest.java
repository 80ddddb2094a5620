package org.vitalake.identity.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.UserId;
import org.vitalake.core.profile.Sex;
import org.vitalake.core.profile.UserProfile;
import org.vitalake.identity.problem.ProblemException;
import org.vitalake.identity.role.Role;

class ProfileFieldsTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

  private static String fieldOf(Runnable call) {
    try {
      call.run();
    } catch (ProblemException e) {
      return e.field().orElse(null);
    }
    throw new AssertionError("expected a rejection");
  }

  @Test
  void namesTheFieldOfEveryRejection() {
    assertThat(fieldOf(() -> ProfileFields.parseEmail("a@b"))).isEqualTo("email");
    assertThat(fieldOf(() -> ProfileFields.parseName(" "))).isEqualTo("name");
    assertThat(fieldOf(() -> ProfileFields.parseTimeZone("+02:00"))).isEqualTo("timeZone");
    assertThat(fieldOf(() -> ProfileFields.checkHeight(49.9))).isEqualTo("heightCm");
    assertThat(fieldOf(() -> ProfileFields.checkWeight(Double.NaN))).isEqualTo("weightKg");
    assertThat(fieldOf(() -> ProfileFields.parseDateOfBirth("1850-01-01", clock)))
        .isEqualTo("dateOfBirth");
    assertThat(fieldOf(() -> ProfileFields.parseDateOfBirth("2026-06-02", clock)))
        .isEqualTo("dateOfBirth");
    assertThat(fieldOf(() -> ProfileFields.goals(Map.of("goals", "run"))))
        .isEqualTo("preferences.goals");
  }

  @Test
  void normalisesAcceptedValues() {
    assertThat(ProfileFields.parseEmail("  Ada@Example.ORG ")).isEqualTo("ada@example.org");
    assertThat(ProfileFields.parseSex("F")).isEqualTo(Sex.FEMALE);
    assertThat(ProfileFields.parseTimeZone("Europe/Berlin")).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(ProfileFields.parseDateOfBirth("1990-04-21", clock))
        .isEqualTo(LocalDate.of(1990, 4, 21));
    assertThat(ProfileFields.checkHeight(50.0)).isEqualTo(50.0);
  }

  @Test
  void projectsAnAccountToAPseudonymousProfile() {
    // given
    Instant updated = Instant.parse("2026-05-01T10:00:00Z");
    Account account =
        new Account(
            UserId.of("u-1"),
            "Ada Lovelace",
            "ada@example.org",
            "$argon2id$...",
            LocalDate.of(1990, 4, 21),
            Sex.FEMALE,
            168.0,
            61.0,
            ZoneId.of("Europe/London"),
            Map.of("goals", List.of("sleep_better"), "units", "metric"),
            Set.of(Role.USER),
            updated,
            updated);

    // when
    UserProfile profile = AccountService.toProfile(account);

    // then
    assertThat(profile)
        .isEqualTo(
            new UserProfile(
                UserId.of("u-1"),
                1990,
                Sex.FEMALE,
                168.0,
                61.0,
                ZoneId.of("Europe/London"),
                List.of("sleep_better"),
                updated));
    assertThat(profile.toString()).doesNotContain("Ada", "example.org");
  }

  @Test
  void refusesGoalsThatAreNotStrings() {
    assertThatThrownBy(() -> ProfileFields.goals(Map.of("goals", List.of(1, 2))))
        .isInstanceOf(ProblemException.class);
  }
}
