package org.vitalake.identity.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Body of {@code POST /token/refresh}. */
@Serdeable
public record RefreshRequest(@Nullable String refreshToken) {

  @Override
  public String toString() {
    return "RefreshRequest[(hidden)]";
  }
}
