package org.vitalake.identity.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Login throttling ({@code vitalake.identity.login-throttle.*}). Failed attempts are counted per
 * key within {@code window}; once a key reaches its limit, the next attempt is refused with 429 and
 * Retry-After until the oldest failure leaves the window.
 *
 * @param maxFailures failed attempts allowed per account email (password login, from any address)
 *     and per service client id at one client address (client-credentials grant): the guard against
 *     guessing one account's secret. A client id is no secret, so its failures are counted per
 *     address: wrong secrets sent from one address do not lock the client out at the others.
 * @param maxFailuresPerAddress failed attempts allowed per client address, whatever the accounts or
 *     client ids tried, counted apart for password logins and for the client-credentials grant: the
 *     guard against one address spraying guesses over many accounts or client ids. Many people can
 *     share one address (an office, a campus, a carrier's NAT), so this is much higher than {@code
 *     maxFailures}: a few people mistyping, or one person trying made-up emails, must not lock
 *     everyone else at the address out, and their failed logins never count against a service
 *     asking for tokens from the same address.
 * @param window how long a failure counts
 */
@ConfigurationProperties("vitalake.identity.login-throttle")
public record LoginThrottleProperties(
    @Bindable(defaultValue = "5") int maxFailures,
    @Bindable(defaultValue = "100") int maxFailuresPerAddress,
    @Bindable(defaultValue = "15m") Duration window) {

  public LoginThrottleProperties {
    if (maxFailures < 1) {
      throw new IllegalArgumentException(
          "vitalake.identity.login-throttle.max-failures must be at least 1 (was "
              + maxFailures
              + ")");
    }
    if (maxFailuresPerAddress < 1) {
      throw new IllegalArgumentException(
          "vitalake.identity.login-throttle.max-failures-per-address must be at least 1 (was "
              + maxFailuresPerAddress
              + ")");
    }
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException(
          "vitalake.identity.login-throttle.window must be a positive duration such as 15m (was "
              + window
              + ")");
    }
  }
}
