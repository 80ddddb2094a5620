package org.vitalake.identity.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Body of {@code POST /login}. */
@Serdeable
public record LoginRequest(@Nullable String email, @Nullable String password) {

  @Override
  public String toString() {
    return "LoginRequest[(hidden)]";
  }
}
