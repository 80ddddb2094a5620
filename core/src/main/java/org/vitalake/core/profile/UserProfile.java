package org.vitalake.core.profile;

import java.time.Instant;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;

/**
 * What the platform knows about a user beyond their data: pseudonymous by construction (no name, no
 * email), every field but the id and the update time optional.
 *
 * @param userId the pseudonymous user
 * @param birthYear 1900 to the current year, or {@code null}
 * @param sex as stated; {@code null} becomes {@link Sex#UNSPECIFIED}
 * @param heightCm 50-260 cm, or {@code null}
 * @param weightKg 20-400 kg, or {@code null}
 * @param timeZone the home time zone, used when a sample carries no offset, or {@code null}
 * @param goals free-text goals such as {@code sleep_better}; at most 20 of at most 100 characters
 * @param updatedAt when this version of the profile was written; the latest wins
 */
public record UserProfile(
    UserId userId,
    Integer birthYear,
    Sex sex,
    Double heightCm,
    Double weightKg,
    ZoneId timeZone,
    List<String> goals,
    Instant updatedAt) {

  /** Earliest accepted birth year. */
  public static final int MIN_BIRTH_YEAR = 1900;

  public UserProfile {
    if (userId == null) {
      throw new InvalidProfileException("userId", "userId is required");
    }
    if (birthYear != null) {
      int currentYear = Year.now(ZoneOffset.UTC).getValue();
      if (birthYear < MIN_BIRTH_YEAR || birthYear > currentYear) {
        throw new InvalidProfileException(
            "birthYear",
            "birthYear "
                + birthYear
                + " is outside the allowed range "
                + MIN_BIRTH_YEAR
                + "-"
                + currentYear);
      }
    }
    sex = sex == null ? Sex.UNSPECIFIED : sex;
    if (heightCm != null && !(heightCm >= 50 && heightCm <= 260)) {
      throw new InvalidProfileException(
          "heightCm", "heightCm " + heightCm + " is outside the allowed range 50.0-260.0 cm");
    }
    if (weightKg != null && !Metric.WEIGHT.isInRange(weightKg)) {
      throw new InvalidProfileException(
          "weightKg",
          "weightKg "
              + weightKg
              + " is outside the allowed range "
              + Metric.WEIGHT.range().describe(Metric.WEIGHT.canonicalUnit()));
    }
    goals = goals == null ? List.of() : goals.stream().map(UserProfile::goal).distinct().toList();
    if (goals.size() > 20) {
      throw new InvalidProfileException(
          "goals", "goals has " + goals.size() + " entries; at most 20 allowed");
    }
    if (updatedAt == null) {
      throw new InvalidProfileException("updatedAt", "updatedAt is required");
    }
  }

  private static String goal(String goal) {
    if (goal == null || goal.isBlank()) {
      throw new InvalidProfileException("goals", "goals must not contain blank entries");
    }
    String stripped = goal.strip();
    if (stripped.length() > 100) {
      throw new InvalidProfileException(
          "goals", "goal has " + stripped.length() + " characters; at most 100 allowed");
    }
    return stripped;
  }
}
