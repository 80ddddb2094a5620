package org.vitalake.core.consent;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a user may consent to. */
public enum Purpose {
  /** Personal coaching plans computed from the user's data. */
  COACHING("coaching"),
  /** Research use of the user's pseudonymous data (cohort reports, model training). */
  RESEARCH("research");

  private final String code;

  Purpose(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Purpose parse(String code) {
    for (Purpose purpose : values()) {
      if (purpose.code.equals(code)) {
        return purpose;
      }
    }
    throw new IllegalArgumentException(
        "unknown purpose '"
            + code
            + "'; valid purposes are "
            + Arrays.stream(values()).map(Purpose::code).collect(Collectors.joining(", ")));
  }
}
