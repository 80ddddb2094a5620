package org.vitalake.identity.account;

import io.micronaut.core.annotation.Nullable;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.vitalake.core.id.UserId;
import org.vitalake.core.profile.Sex;
import org.vitalake.core.profile.UserProfile;
import org.vitalake.identity.problem.ProblemException;

/**
 * Parses and validates the personal fields of a request, naming the field in every rejection.
 * Ranges (birth year, height, weight) are core's {@link UserProfile} rules, so identity accepts
 * exactly what the lakehouse profile accepts.
 */
public final class ProfileFields {

  public static final int MAX_NAME_LENGTH = 100;
  public static final int MAX_EMAIL_LENGTH = 254;
  public static final int MAX_PREFERENCES_JSON = 4000;
  public static final int MAX_GOALS = 20;
  public static final int MAX_GOAL_LENGTH = 100;

  private static final Pattern EMAIL =
      Pattern.compile(
          "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
  private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
  private static final UserId PROBE = UserId.of("validation");

  private ProfileFields() {}

  /** A trimmed display name of 1-100 characters without control characters. */
  public static String parseName(@Nullable String name) {
    if (name == null || name.isBlank()) {
      throw ProblemException.invalid("name", "is required (1-" + MAX_NAME_LENGTH + " characters)");
    }
    String trimmed = name.strip();
    int length = trimmed.codePointCount(0, trimmed.length());
    if (length > MAX_NAME_LENGTH) {
      throw ProblemException.invalid(
          "name", "has " + length + " characters; allowed are 1-" + MAX_NAME_LENGTH);
    }
    if (trimmed.chars().anyMatch(Character::isISOControl)) {
      throw ProblemException.invalid("name", "must not contain control characters");
    }
    return trimmed;
  }

  /** A syntactically valid address, lower-cased so that lookups ignore case. */
  public static String parseEmail(@Nullable String email) {
    if (email == null || email.isBlank()) {
      throw ProblemException.invalid("email", "is required");
    }
    String trimmed = email.strip().toLowerCase(Locale.ROOT);
    if (trimmed.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(trimmed).matches()) {
      throw ProblemException.invalid(
          "email", "'" + abbreviate(email) + "' is not a valid email address");
    }
    return trimmed;
  }

  /** An ISO date ({@code 1990-04-21}) in the past whose year core's profile accepts. */
  public static @Nullable LocalDate parseDateOfBirth(@Nullable String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    LocalDate date;
    try {
      date = LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw ProblemException.invalid(
          "dateOfBirth", "'" + abbreviate(value) + "' is not an ISO date like 1990-04-21");
    }
    if (date.isAfter(LocalDate.now(clock))) {
      throw ProblemException.invalid("dateOfBirth", date + " is in the future");
    }
    checkWithCore("dateOfBirth", () -> probe(date.getYear(), null, null, List.of()));
    return date;
  }

  /** A code or alias core's {@link Sex#parse} accepts ({@code female}, {@code m}, ...). */
  public static @Nullable Sex parseSex(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Sex.parse(value);
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalid("sex", e.getMessage());
    }
  }

  public static @Nullable Double checkHeight(@Nullable Double heightCm) {
    if (heightCm != null) {
      checkFinite("heightCm", heightCm);
      checkWithCore("heightCm", () -> probe(null, heightCm, null, List.of()));
    }
    return heightCm;
  }

  public static @Nullable Double checkWeight(@Nullable Double weightKg) {
    if (weightKg != null) {
      checkFinite("weightKg", weightKg);
      checkWithCore("weightKg", () -> probe(null, null, weightKg, List.of()));
    }
    return weightKg;
  }

  /**
   * An IANA time zone id such as {@code Europe/Berlin}; offsets like {@code +02:00} are not zones.
   */
  public static @Nullable ZoneId parseTimeZone(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String id = value.strip();
    if (!ZONES.contains(id)) {
      throw ProblemException.invalid(
          "timeZone", "'" + abbreviate(id) + "' is not an IANA time zone such as Europe/Berlin");
    }
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw ProblemException.invalid(
          "timeZone", "'" + abbreviate(id) + "' is not usable: " + e.getMessage());
    }
  }

  /** Checks size and the shape of {@code goals}; the rest of the preferences is free-form. */
  public static Map<String, Object> checkPreferences(
      @Nullable Map<String, Object> preferences, int serializedLength) {
    if (preferences == null) {
      return Map.of();
    }
    if (serializedLength > MAX_PREFERENCES_JSON) {
      throw ProblemException.invalid(
          "preferences",
          "is "
              + serializedLength
              + " characters of JSON; at most "
              + MAX_PREFERENCES_JSON
              + " are kept");
    }
    List<String> goals = goals(preferences);
    checkWithCore("preferences.goals", () -> probe(null, null, null, goals));
    return preferences;
  }

  /** The {@code goals} list of the preferences: a list of 1-100 character strings, at most 20. */
  public static List<String> goals(Map<String, Object> preferences) {
    Object value = preferences.get("goals");
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw ProblemException.invalid("preferences.goals", "must be a list of strings");
    }
    if (list.size() > MAX_GOALS) {
      throw ProblemException.invalid(
          "preferences.goals",
          "has " + list.size() + " goals; at most " + MAX_GOALS + " are allowed");
    }
    List<String> goals = new ArrayList<>();
    for (Object goal : list) {
      if (!(goal instanceof String text) || text.isBlank() || text.length() > MAX_GOAL_LENGTH) {
        throw ProblemException.invalid(
            "preferences.goals",
            "every goal must be a string of 1-" + MAX_GOAL_LENGTH + " characters");
      }
      goals.add(text.strip());
    }
    return List.copyOf(goals);
  }

  private static void checkFinite(String field, double value) {
    if (!Double.isFinite(value)) {
      throw ProblemException.invalid(field, "must be a finite number");
    }
  }

  private static UserProfile probe(
      @Nullable Integer birthYear,
      @Nullable Double heightCm,
      @Nullable Double weightKg,
      List<String> goals) {
    return new UserProfile(PROBE, birthYear, null, heightCm, weightKg, null, goals, Instant.EPOCH);
  }

  private static void checkWithCore(String field, Runnable validation) {
    try {
      validation.run();
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalid(field, e.getMessage());
    }
  }

  static String abbreviate(String value) {
    return value.length() <= 60 ? value : value.substring(0, 57) + "...";
  }
}
