package org.vitalake.identity.auth;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.vitalake.identity.IdentityProperties;

/**
 * The batch and tooling clients allowed to obtain {@code service} tokens, configured as {@code
 * VITALAKE_SERVICE_CLIENTS=id:secret[,id:secret]}. Secrets are kept only as SHA-256 digests and
 * compared in constant time.
 */
@Singleton
public class ServiceClients {

  /** A secret shorter than this is refused at start: it would be guessable. */
  public static final int MIN_SECRET_LENGTH = 16;

  private final Map<String, byte[]> secretDigests;

  public ServiceClients(IdentityProperties properties) {
    this.secretDigests = parse(properties.serviceClients());
  }

  static Map<String, byte[]> parse(String configured) {
    Map<String, byte[]> clients = new LinkedHashMap<>();
    if (!IdentityProperties.isSet(configured)) {
      return clients;
    }
    for (String entry : configured.split(",")) {
      String trimmed = entry.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      int colon = trimmed.indexOf(':');
      if (colon <= 0 || colon == trimmed.length() - 1) {
        throw new IllegalStateException(
            "VITALAKE_SERVICE_CLIENTS entry #"
                + (clients.size() + 1)
                + " is not of the form id:secret");
      }
      String id = trimmed.substring(0, colon);
      String secret = trimmed.substring(colon + 1);
      if (secret.length() < MIN_SECRET_LENGTH) {
        throw new IllegalStateException(
            "VITALAKE_SERVICE_CLIENTS: the secret of client '"
                + id
                + "' has fewer than "
                + MIN_SECRET_LENGTH
                + " characters");
      }
      clients.put(id, digest(secret));
    }
    return clients;
  }

  /** Whether {@code secret} is the configured secret of {@code clientId}. */
  public boolean authenticate(String clientId, String secret) {
    byte[] expected = secretDigests.get(clientId);
    byte[] actual = digest(secret);
    // Compare even for unknown ids so timing does not reveal which ids exist.
    return MessageDigest.isEqual(expected == null ? new byte[actual.length] : expected, actual)
        && expected != null;
  }

  public Set<String> clientIds() {
    return secretDigests.keySet();
  }

  private static byte[] digest(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
