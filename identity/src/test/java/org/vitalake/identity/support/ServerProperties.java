package org.vitalake.identity.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Properties of a server under test: its own state folder with a real H2 database file, a service
 * client and a bootstrap admin.
 */
public final class ServerProperties {

  public static final String SERVICE_CLIENT = "vitalake-cli";
  public static final String SERVICE_SECRET = "test-service-secret-0123456789";
  public static final String ADMIN_EMAIL = "admin@example.org";
  public static final String ADMIN_PASSWORD = "Admin-password-42";

  private ServerProperties() {}

  /** A fresh temporary state folder. */
  public static Path newHome() {
    try {
      return Files.createTempDirectory("vitalake-identity-it-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The properties for a server whose state lives in {@code home}. */
  public static Map<String, String> forHome(Path home) {
    Map<String, String> properties = new HashMap<>();
    properties.put("vitalake.home", home.toString());
    properties.put(
        "datasources.default.url",
        "jdbc:h2:file:" + home.resolve("identity/identity") + ";AUTO_SERVER=FALSE");
    properties.put("vitalake.identity.service-clients", SERVICE_CLIENT + ":" + SERVICE_SECRET);
    properties.put("vitalake.identity.admin-email", ADMIN_EMAIL);
    properties.put("vitalake.identity.admin-password", ADMIN_PASSWORD);
    return properties;
  }
}
