package org.vitalake.identity.role;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a token holder may do; carried in the JWT {@code roles} claim by {@link #code()}. */
public enum Role {
  USER("user"),
  ANALYST("analyst"),
  DATA_SCIENTIST("data_scientist"),
  ADMIN("admin"),
  SERVICE("service");

  private final String code;

  Role(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** Parses a role code, rejecting unknown ones with the list of valid codes. */
  public static Role parse(String code) {
    for (Role role : values()) {
      if (role.code.equals(code)) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "unknown role '"
            + code
            + "'; valid roles are "
            + Arrays.stream(values()).map(Role::code).collect(Collectors.joining(", ")));
  }
}
