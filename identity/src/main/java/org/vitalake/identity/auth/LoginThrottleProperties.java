package org.vitalake.identity.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Login throttling ({@code vitalake.identity.login-throttle.*}).
 *
 * @param maxFailures failed attempts allowed per email, and per client address, within {@code
 *     window}; the next attempt is refused with 429 until the oldest failure leaves the window
 */
@ConfigurationProperties("vitalake.identity.login-throttle")
public record LoginThrottleProperties(
    @Bindable(defaultValue = "5") int maxFailures,
    @Bindable(defaultValue = "15m") Duration window) {}
