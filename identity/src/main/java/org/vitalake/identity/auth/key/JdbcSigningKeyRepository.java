package org.vitalake.identity.auth.key;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.vitalake.identity.auth.key.SigningKey.KeySource;
import org.vitalake.identity.jdbc.Rows;

/** The {@code signing_keys} table. */
@Singleton
class JdbcSigningKeyRepository {

  /** A row: public key always, private key only for generated keys and only encrypted. */
  record StoredKey(
      String kid,
      String publicKey,
      @Nullable String encryptedPrivateKey,
      KeySource source,
      Instant createdAt,
      Instant activatedAt,
      @Nullable Instant retiredAt,
      @Nullable Instant publishedUntil) {}

  List<StoredKey> findAll(Connection connection) throws SQLException {
    List<StoredKey> keys = new ArrayList<>();
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT kid, public_key, private_key_encrypted, source, created_at, activated_at,"
                    + " retired_at, published_until FROM signing_keys ORDER BY activated_at");
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        keys.add(
            new StoredKey(
                rs.getString("kid"),
                rs.getString("public_key"),
                rs.getString("private_key_encrypted"),
                KeySource.valueOf(rs.getString("source")),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "activated_at"),
                Rows.instant(rs, "retired_at"),
                Rows.instant(rs, "published_until")));
      }
    }
    return keys;
  }

  void insert(Connection connection, StoredKey key) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO signing_keys (kid, algorithm, public_key, private_key_encrypted, source,"
                + " created_at, activated_at, retired_at, published_until)"
                + " VALUES (?, 'RS256', ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, key.kid());
      insert.setString(2, key.publicKey());
      insert.setString(3, key.encryptedPrivateKey());
      insert.setString(4, key.source().name());
      Rows.setInstant(insert, 5, key.createdAt());
      Rows.setInstant(insert, 6, key.activatedAt());
      Rows.setInstant(insert, 7, key.retiredAt());
      Rows.setInstant(insert, 8, key.publishedUntil());
      insert.executeUpdate();
    }
  }

  void retire(Connection connection, String kid, Instant retiredAt, Instant publishedUntil)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE signing_keys SET retired_at = ?, published_until = ? WHERE kid = ?")) {
      Rows.setInstant(update, 1, retiredAt);
      Rows.setInstant(update, 2, publishedUntil);
      update.setString(3, kid);
      update.executeUpdate();
    }
  }

  void reactivate(Connection connection, String kid, Instant activatedAt) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE signing_keys SET retired_at = NULL, published_until = NULL, activated_at = ?"
                + " WHERE kid = ?")) {
      Rows.setInstant(update, 1, activatedAt);
      update.setString(2, kid);
      update.executeUpdate();
    }
  }
}
