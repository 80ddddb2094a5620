package org.vitalake.identity.account;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Registration throttling ({@code vitalake.identity.registration-throttle.*}). Every registration
 * that gets as far as hashing its password (created, or refused because the email is taken) counts
 * against the client address for {@code window}; once an address has {@code maxPerAddress}, the
 * next registration is refused with 429 and Retry-After until the oldest leaves the window.
 *
 * @param maxPerAddress registrations allowed per client address within {@code window}. Argon2 makes
 *     each one cost the server tens of milliseconds of CPU and 19 MiB, and the route needs no
 *     token, so one address must not be able to keep the service busy hashing; people sharing an
 *     address (an office, a carrier's NAT) share this budget, so it is well above what one person
 *     needs
 * @param window how long a registration counts
 */
@ConfigurationProperties("vitalake.identity.registration-throttle")
public record RegistrationThrottleProperties(
    @Bindable(defaultValue = "20") int maxPerAddress,
    @Bindable(defaultValue = "1h") Duration window) {

  public RegistrationThrottleProperties {
    if (maxPerAddress < 1) {
      throw new IllegalArgumentException(
          "vitalake.identity.registration-throttle.max-per-address must be at least 1 (was "
              + maxPerAddress
              + ")");
    }
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException(
          "vitalake.identity.registration-throttle.window must be a positive duration such as 1h"
              + " (was "
              + window
              + ")");
    }
  }
}
