package org.vitalake.identity;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The service's notion of now, injectable so expiry logic does not read the system clock directly.
 */
@Factory
public class ClockFactory {

  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
