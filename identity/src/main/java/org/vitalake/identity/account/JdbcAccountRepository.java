package org.vitalake.identity.account;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vitalake.core.id.UserId;
import org.vitalake.core.profile.Sex;
import org.vitalake.identity.jdbc.Rows;
import org.vitalake.identity.role.Role;

/** The {@code users} and {@code user_roles} tables. */
@Singleton
public class JdbcAccountRepository {

  private static final String COLUMNS =
      "id, name, email, password_hash, date_of_birth, sex, height_cm, weight_kg, time_zone,"
          + " preferences, created_at, updated_at";

  private final JsonMapper json;

  public JdbcAccountRepository(JsonMapper json) {
    this.json = json;
  }

  public Optional<Account> findById(Connection connection, UserId id) throws SQLException {
    return findOne(connection, "SELECT " + COLUMNS + " FROM users WHERE id = ?", id.value());
  }

  public Optional<Account> findByEmail(Connection connection, String email) throws SQLException {
    return findOne(connection, "SELECT " + COLUMNS + " FROM users WHERE email = ?", email);
  }

  public boolean emailTaken(Connection connection, String email) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT 1 FROM users WHERE email = ?")) {
      select.setString(1, email);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next();
      }
    }
  }

  public void insert(Connection connection, Account account) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      bind(insert, account);
      insert.executeUpdate();
    }
    replaceRoles(connection, account.id(), account.roles());
  }

  public void update(Connection connection, Account account) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE users SET name = ?, email = ?, password_hash = ?, date_of_birth = ?, sex = ?,"
                + " height_cm = ?, weight_kg = ?, time_zone = ?, preferences = ?, updated_at = ?"
                + " WHERE id = ?")) {
      update.setString(1, account.name());
      update.setString(2, account.email());
      update.setString(3, account.passwordHash());
      update.setDate(4, account.dateOfBirth() == null ? null : Date.valueOf(account.dateOfBirth()));
      update.setString(5, account.sex() == null ? null : account.sex().name());
      Rows.setNullableDouble(update, 6, account.heightCm());
      Rows.setNullableDouble(update, 7, account.weightKg());
      update.setString(8, account.timeZone() == null ? null : account.timeZone().getId());
      update.setString(9, writePreferences(account.preferences()));
      Rows.setInstant(update, 10, account.updatedAt());
      update.setString(11, account.id().value());
      update.executeUpdate();
    }
  }

  public void replaceRoles(Connection connection, UserId id, Set<Role> roles) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM user_roles WHERE user_id = ?")) {
      delete.setString(1, id.value());
      delete.executeUpdate();
    }
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO user_roles (user_id, role) VALUES (?, ?)")) {
      for (Role role : roles) {
        insert.setString(1, id.value());
        insert.setString(2, role.code());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** Deletes the account; roles, consents and external ids go with it (foreign-key cascade). */
  public boolean delete(Connection connection, UserId id) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM users WHERE id = ?")) {
      delete.setString(1, id.value());
      return delete.executeUpdate() > 0;
    }
  }

  /** Serialized preferences, also used to check their size before storing. */
  public String writePreferences(Map<String, Object> preferences) {
    try {
      return json.writeValueAsString(preferences);
    } catch (IOException e) {
      throw new UncheckedIOException("preferences could not be written as JSON", e);
    }
  }

  private Map<String, Object> readPreferences(String stored) {
    if (stored == null || stored.isBlank()) {
      return Map.of();
    }
    try {
      return json.readValue(stored, Argument.mapOf(String.class, Object.class));
    } catch (IOException e) {
      throw new UncheckedIOException("stored preferences are not valid JSON", e);
    }
  }

  private Optional<Account> findOne(Connection connection, String sql, String key)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, key);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        UserId id = UserId.of(rs.getString("id"));
        Date dateOfBirth = rs.getDate("date_of_birth");
        String sex = rs.getString("sex");
        String zone = rs.getString("time_zone");
        return Optional.of(
            new Account(
                id,
                rs.getString("name"),
                rs.getString("email"),
                rs.getString("password_hash"),
                dateOfBirth == null ? null : dateOfBirth.toLocalDate(),
                sex == null ? null : Sex.valueOf(sex),
                Rows.nullableDouble(rs, "height_cm"),
                Rows.nullableDouble(rs, "weight_kg"),
                zone == null ? null : ZoneId.of(zone),
                readPreferences(rs.getString("preferences")),
                findRoles(connection, id),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at")));
      }
    }
  }

  public Set<Role> findRoles(Connection connection, UserId id) throws SQLException {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    try (PreparedStatement select =
        connection.prepareStatement("SELECT role FROM user_roles WHERE user_id = ?")) {
      select.setString(1, id.value());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          roles.add(Role.parse(rs.getString("role")));
        }
      }
    }
    return roles;
  }

  private void bind(PreparedStatement insert, Account account) throws SQLException {
    insert.setString(1, account.id().value());
    insert.setString(2, account.name());
    insert.setString(3, account.email());
    insert.setString(4, account.passwordHash());
    insert.setDate(5, account.dateOfBirth() == null ? null : Date.valueOf(account.dateOfBirth()));
    insert.setString(6, account.sex() == null ? null : account.sex().name());
    Rows.setNullableDouble(insert, 7, account.heightCm());
    Rows.setNullableDouble(insert, 8, account.weightKg());
    insert.setString(9, account.timeZone() == null ? null : account.timeZone().getId());
    insert.setString(10, writePreferences(account.preferences()));
    Rows.setInstant(insert, 11, account.createdAt());
    Rows.setInstant(insert, 12, account.updatedAt());
  }
}
