package org.vitalake.serving.auth;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Wraps every {@link TokenValidator} the security module creates in a {@link
 * CachingTokenValidator}, unless {@code vitalake.serving.token-cache.max-size} is 0.
 */
@Singleton
final class TokenValidatorDecorator implements BeanCreatedEventListener<TokenValidator<?>> {

  private final TokenCacheProperties properties;

  TokenValidatorDecorator(TokenCacheProperties properties) {
    this.properties = properties;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public TokenValidator<?> onCreated(BeanCreatedEvent<TokenValidator<?>> event) {
    TokenValidator<?> validator = event.getBean();
    if (properties.maxSize() == 0 || validator instanceof CachingTokenValidator) {
      return validator;
    }
    return new CachingTokenValidator(validator, properties, Clock.systemUTC());
  }
}
