package org.vitalake.core.profile;

import java.util.Arrays;
import java.util.Locale;

/** Sex as the user chose to state it; it changes reference ranges, so it is optional. */
public enum Sex {
  FEMALE("female", "f", "woman"),
  MALE("male", "m", "man"),
  OTHER("other", "diverse", "non_binary", "nonbinary", "x"),
  UNSPECIFIED("unspecified", "unknown", "prefer_not_to_say", "none");

  private final String code;
  private final String[] aliases;

  Sex(String code, String... aliases) {
    this.code = code;
    this.aliases = aliases;
  }

  /** The lower-case code stored in the lakehouse. */
  public String code() {
    return code;
  }

  /**
   * Parses a code or alias ignoring case; {@code null} or blank means {@link #UNSPECIFIED}.
   *
   * @throws InvalidProfileException on field {@code sex}, listing the codes
   */
  public static Sex parse(String value) {
    if (value == null || value.isBlank()) {
      return UNSPECIFIED;
    }
    String normalized = value.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s\\-]+", "_");
    for (Sex sex : values()) {
      if (sex.code.equals(normalized) || Arrays.asList(sex.aliases).contains(normalized)) {
        return sex;
      }
    }
    throw new InvalidProfileException(
        "sex",
        "unknown sex '"
            + value
            + "'; valid values: "
            + String.join(", ", Arrays.stream(values()).map(Sex::code).toList()));
  }
}
