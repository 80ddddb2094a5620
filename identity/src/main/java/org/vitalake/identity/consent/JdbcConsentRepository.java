package org.vitalake.identity.consent;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.vitalake.core.consent.ConsentDecision;
import org.vitalake.core.consent.Purpose;
import org.vitalake.core.id.UserId;
import org.vitalake.identity.jdbc.Rows;

/** The append-only {@code consents} table. */
@Singleton
public class JdbcConsentRepository {

  /** Every version for the user, oldest first. */
  List<ConsentRecord> findAll(Connection connection, UserId userId) throws SQLException {
    List<ConsentRecord> records = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT purpose, version, granted, policy_version, recorded_at FROM consents"
                + " WHERE user_id = ? ORDER BY recorded_at, purpose, version")) {
      select.setString(1, userId.value());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          records.add(
              new ConsentRecord(
                  Purpose.parse(rs.getString("purpose")),
                  rs.getInt("version"),
                  rs.getBoolean("granted"),
                  rs.getString("policy_version"),
                  Rows.instant(rs, "recorded_at")));
        }
      }
    }
    return records;
  }

  /** Every decision of every user, for the lakehouse copy; oldest first. */
  public List<ConsentDecision> findEveryDecision(Connection connection) throws SQLException {
    List<ConsentDecision> decisions = new ArrayList<>();
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT user_id, purpose, version, granted, policy_version, recorded_at"
                    + " FROM consents ORDER BY id");
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        decisions.add(
            new ConsentDecision(
                UserId.of(rs.getString("user_id")),
                Purpose.parse(rs.getString("purpose")),
                rs.getInt("version"),
                rs.getBoolean("granted"),
                rs.getString("policy_version"),
                Rows.instant(rs, "recorded_at")));
      }
    }
    return decisions;
  }

  void insert(Connection connection, UserId userId, ConsentRecord record) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO consents (user_id, purpose, version, granted, policy_version, recorded_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, userId.value());
      insert.setString(2, record.purpose().code());
      insert.setInt(3, record.version());
      insert.setBoolean(4, record.granted());
      insert.setString(5, record.policyVersion());
      Rows.setInstant(insert, 6, record.recordedAt());
      insert.executeUpdate();
    }
  }
}
