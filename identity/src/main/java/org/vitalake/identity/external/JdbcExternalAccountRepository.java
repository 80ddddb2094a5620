package org.vitalake.identity.external;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.vitalake.core.id.UserId;
import org.vitalake.identity.jdbc.Rows;

/** The {@code external_accounts} table. */
@Singleton
class JdbcExternalAccountRepository {

  Optional<UserId> find(Connection connection, String system, String externalId)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT user_id FROM external_accounts WHERE system = ? AND external_id = ?")) {
      select.setString(1, system);
      select.setString(2, externalId);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(UserId.of(rs.getString("user_id"))) : Optional.empty();
      }
    }
  }

  void insert(
      Connection connection, String system, String externalId, UserId userId, Instant createdAt)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO external_accounts (system, external_id, user_id, created_at)"
                + " VALUES (?, ?, ?, ?)")) {
      insert.setString(1, system);
      insert.setString(2, externalId);
      insert.setString(3, userId.value());
      Rows.setInstant(insert, 4, createdAt);
      insert.executeUpdate();
    }
  }
}
