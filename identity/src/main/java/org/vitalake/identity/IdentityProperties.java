package org.vitalake.identity;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Settings of the identity service ({@code vitalake.identity.*}); the secrets among them come only
 * from environment variables (see {@code application.yml}).
 *
 * @param issuer the {@code iss} claim of every token
 * @param audience the {@code aud} claim of every token
 * @param accessTokenTtl lifetime of an access token ({@code VITALAKE_ACCESS_TOKEN_TTL})
 * @param refreshTokenTtl lifetime of a refresh token ({@code VITALAKE_REFRESH_TOKEN_TTL})
 * @param signingKeyPem PKCS#8 RSA private key to sign with ({@code VITALAKE_SIGNING_KEY_PEM})
 * @param signingKeyPassword encrypts the generated signing key at rest ({@code
 *     VITALAKE_SIGNING_KEY_PASSWORD})
 * @param serviceClients {@code id:secret[,id:secret]} ({@code VITALAKE_SERVICE_CLIENTS})
 * @param adminEmail email of an account that is created, or promoted, to admin at start
 * @param adminPassword password of that account when it has to be created
 */
@ConfigurationProperties("vitalake.identity")
public record IdentityProperties(
    @Bindable(defaultValue = "vitalake-identity") String issuer,
    @Bindable(defaultValue = "vitalake") String audience,
    @Bindable(defaultValue = "15m") Duration accessTokenTtl,
    @Bindable(defaultValue = "30d") Duration refreshTokenTtl,
    @Nullable String signingKeyPem,
    @Nullable String signingKeyPassword,
    @Nullable String serviceClients,
    @Nullable String adminEmail,
    @Nullable String adminPassword) {

  /** Keeps secrets out of logs and error messages that print the configuration. */
  @Override
  public String toString() {
    return "IdentityProperties[issuer="
        + issuer
        + ", audience="
        + audience
        + ", accessTokenTtl="
        + accessTokenTtl
        + ", refreshTokenTtl="
        + refreshTokenTtl
        + ", signingKeyPem="
        + (isSet(signingKeyPem) ? "(set)" : "(unset)")
        + ", adminEmail="
        + (isSet(adminEmail) ? "(set)" : "(unset)")
        + "]";
  }

  public static boolean isSet(@Nullable String value) {
    return value != null && !value.isBlank();
  }
}
