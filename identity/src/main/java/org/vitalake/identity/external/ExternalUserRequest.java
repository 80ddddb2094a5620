package org.vitalake.identity.external;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * Body of {@code POST /users/external}: a dataset's own participant id and, optionally, the
 * participant's profile and a password to log in with.
 *
 * @param system the dataset, e.g. {@code fitabase}
 * @param externalId the participant's id in that dataset, e.g. {@code 1503960366}
 */
@Serdeable
public record ExternalUserRequest(
    @Nullable String system,
    @Nullable String externalId,
    @Nullable String password,
    @Nullable String dateOfBirth,
    @Nullable String sex,
    @Nullable Double heightCm,
    @Nullable Double weightKg,
    @Nullable String timeZone,
    @Nullable Map<String, Object> preferences) {

  @Override
  public String toString() {
    return "ExternalUserRequest[system=" + system + ", externalId=" + externalId + "]";
  }
}
