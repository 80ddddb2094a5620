package org.vitalake.identity;

import io.micronaut.runtime.Micronaut;

/** Entry point of the identity service. */
public final class IdentityApplication {
  private IdentityApplication() {}

  public static void main(String[] args) {
    Micronaut.run(IdentityApplication.class, args);
  }
}
