package org.vitalake.identity.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;
import org.vitalake.identity.role.Role;

/** The user shape every client sees; never carries the password hash. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UserResponse(
    String id,
    String name,
    String email,
    @Nullable String dateOfBirth,
    @Nullable String sex,
    @Nullable Double heightCm,
    @Nullable Double weightKg,
    @Nullable String timeZone,
    Map<String, Object> preferences,
    List<String> roles,
    String createdAt) {

  public static UserResponse of(Account account) {
    return new UserResponse(
        account.id().value(),
        account.name(),
        account.email(),
        account.dateOfBirth() == null ? null : account.dateOfBirth().toString(),
        account.sex() == null ? null : account.sex().code(),
        account.heightCm(),
        account.weightKg(),
        account.timeZone() == null ? null : account.timeZone().getId(),
        account.preferences(),
        account.roles().stream().sorted().map(Role::code).toList(),
        account.createdAt().toString());
  }
}
