package org.vitalake.identity.auth;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.vitalake.identity.IdentityProperties;
import org.vitalake.identity.jdbc.Transactions;

/**
 * Opaque, single-use refresh tokens. Presenting a used token again means it was stolen or replayed,
 * so the whole family (every token descended from the same login) is revoked.
 */
@Singleton
public class RefreshTokenService {

  private final Transactions transactions;
  private final JdbcRefreshTokenRepository repository;
  private final IdentityProperties properties;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  RefreshTokenService(
      Transactions transactions,
      JdbcRefreshTokenRepository repository,
      IdentityProperties properties,
      Clock clock) {
    this.transactions = transactions;
    this.repository = repository;
    this.properties = properties;
    this.clock = clock;
  }

  /** Outcome of presenting a refresh token. */
  public sealed interface Redemption {
    /** The token was valid; {@code refreshToken} replaces it. */
    record Accepted(String userId, String refreshToken) implements Redemption {
      @Override
      public String toString() {
        return "Accepted[userId=" + userId + "]";
      }
    }

    /** The token was already used: its family has been revoked. */
    record Replayed(String userId) implements Redemption {}

    /** Unknown, expired or revoked. */
    record Rejected() implements Redemption {}
  }

  /** Starts a new family (a login) and returns its first token. */
  public String issue(String userId) {
    return transactions.inTransaction(
        connection -> issue(connection, userId, UUID.randomUUID().toString()));
  }

  /** Redeems {@code token} and, when valid, issues its successor in the same family. */
  public Redemption redeem(String token) {
    String hash = hash(token);
    Instant now = clock.instant();
    return transactions.inTransaction(
        connection -> {
          var stored = repository.find(connection, hash);
          if (stored.isEmpty()) {
            return new Redemption.Rejected();
          }
          if (repository.markUsed(connection, hash, now)) {
            String next = issue(connection, stored.get().userId(), stored.get().familyId());
            return new Redemption.Accepted(stored.get().userId(), next);
          }
          if (stored.get().usedAt() != null && stored.get().revokedAt() == null) {
            repository.revokeFamily(connection, stored.get().familyId(), now);
            return new Redemption.Replayed(stored.get().userId());
          }
          return new Redemption.Rejected();
        });
  }

  /** Revokes every refresh token of the user (logout everywhere). */
  public int revokeAll(String userId) {
    return transactions.inTransaction(
        connection -> repository.revokeUser(connection, userId, clock.instant()));
  }

  /** Removes the user's tokens in the caller's transaction (erasure). */
  public int deleteAll(Connection connection, String userId) throws SQLException {
    return repository.deleteUser(connection, userId);
  }

  private String issue(Connection connection, String userId, String familyId) throws SQLException {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    repository.insert(
        connection, hash(token), userId, familyId, now, now.plus(properties.refreshTokenTtl()));
    return token;
  }

  /** A 256-bit random token needs no slow hash: SHA-256 cannot be brute-forced back to it. */
  static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
