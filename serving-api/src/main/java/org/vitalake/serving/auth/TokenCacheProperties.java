package org.vitalake.serving.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Settings of the cache of validated access tokens ({@code vitalake.serving.token-cache.*}).
 *
 * @param maxSize tokens remembered at most (about 2 KB each); 0 turns the cache off
 * @param ttl how long a validated token is trusted without checking its signature again; never
 *     beyond the token's own expiry
 */
@ConfigurationProperties("vitalake.serving.token-cache")
public record TokenCacheProperties(
    @Bindable(defaultValue = "10000") int maxSize, @Bindable(defaultValue = "5m") Duration ttl) {

  public TokenCacheProperties {
    if (maxSize < 0) {
      throw new IllegalArgumentException(
          "vitalake.serving.token-cache.max-size must not be negative, got " + maxSize);
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException(
          "vitalake.serving.token-cache.ttl must be positive, got " + ttl);
    }
  }
}
