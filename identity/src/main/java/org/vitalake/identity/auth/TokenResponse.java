package org.vitalake.identity.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Tokens handed to a client.
 *
 * @param token the RS256 access token (send as {@code Authorization: Bearer ...})
 * @param refreshToken single-use token for {@code POST /token/refresh}; absent for service tokens
 * @param expiresIn seconds until {@code token} expires
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(
    String token, @Nullable String refreshToken, long expiresIn, String tokenType) {

  public static TokenResponse of(AccessTokenIssuer.AccessToken access, @Nullable String refresh) {
    return new TokenResponse(access.token(), refresh, access.expiresIn().toSeconds(), "Bearer");
  }

  @Override
  public String toString() {
    return "TokenResponse[expiresIn=" + expiresIn + "]";
  }
}
