package org.vitalake.identity.auth;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.vitalake.identity.jdbc.Rows;

/** The {@code refresh_tokens} table; it holds SHA-256 hashes, never the tokens. */
@Singleton
class JdbcRefreshTokenRepository {

  record StoredRefreshToken(
      String tokenHash,
      String userId,
      String familyId,
      Instant expiresAt,
      @Nullable Instant usedAt,
      @Nullable Instant revokedAt) {}

  void insert(
      Connection connection,
      String tokenHash,
      String userId,
      String familyId,
      Instant issuedAt,
      Instant expiresAt)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO refresh_tokens (token_hash, user_id, family_id, issued_at, expires_at)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, tokenHash);
      insert.setString(2, userId);
      insert.setString(3, familyId);
      Rows.setInstant(insert, 4, issuedAt);
      Rows.setInstant(insert, 5, expiresAt);
      insert.executeUpdate();
    }
  }

  Optional<StoredRefreshToken> find(Connection connection, String tokenHash) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT token_hash, user_id, family_id, expires_at, used_at, revoked_at"
                + " FROM refresh_tokens WHERE token_hash = ?")) {
      select.setString(1, tokenHash);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new StoredRefreshToken(
                rs.getString("token_hash"),
                rs.getString("user_id"),
                rs.getString("family_id"),
                Rows.instant(rs, "expires_at"),
                Rows.instant(rs, "used_at"),
                Rows.instant(rs, "revoked_at")));
      }
    }
  }

  /**
   * Marks a token used if it is still usable. The conditional update is what makes a token single
   * use even when two requests present it at once: only one of them updates a row.
   */
  boolean markUsed(Connection connection, String tokenHash, Instant now) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"
                + " AND revoked_at IS NULL AND expires_at > ?")) {
      Rows.setInstant(update, 1, now);
      update.setString(2, tokenHash);
      Rows.setInstant(update, 3, now);
      return update.executeUpdate() == 1;
    }
  }

  int revokeFamily(Connection connection, String familyId, Instant now) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")) {
      Rows.setInstant(update, 1, now);
      update.setString(2, familyId);
      return update.executeUpdate();
    }
  }

  int revokeUser(Connection connection, String userId, Instant now) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")) {
      Rows.setInstant(update, 1, now);
      update.setString(2, userId);
      return update.executeUpdate();
    }
  }

  int deleteUser(Connection connection, String userId) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM refresh_tokens WHERE user_id = ?")) {
      delete.setString(1, userId);
      return delete.executeUpdate();
    }
  }
}
