package org.vitalake.identity.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** Body of {@code POST /register}; every field is checked by the service, which names bad ones. */
@Serdeable
@Schema(name = "RegisterRequest")
public record RegisterRequest(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Ada Lovelace") @Nullable
        String name,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "ada@example.org") @Nullable
        String email,
    @Schema(
            requiredMode = Schema.RequiredMode.REQUIRED,
            description =
                "at least 10 characters, of at least two kinds (lower, upper, digit, symbol)")
        @Nullable
        String password,
    @Schema(example = "1990-04-21") @Nullable String dateOfBirth,
    @Schema(allowableValues = {"female", "male", "other", "unspecified"}) @Nullable String sex,
    @Schema(description = "50-260") @Nullable Double heightCm,
    @Schema(description = "20-400") @Nullable Double weightKg,
    @Schema(example = "Europe/Berlin") @Nullable String timeZone,
    @Schema(description = "free-form settings; goals is a list of strings") @Nullable
        Map<String, Object> preferences) {

  /** Never prints the password. */
  @Override
  public String toString() {
    return "RegisterRequest[email=(hidden), password=(hidden)]";
  }
}
