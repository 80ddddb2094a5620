package org.vitalake.identity.audit;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalake.identity.jdbc.Rows;

/**
 * The security audit trail: a row in {@code audit_events} and a line on the {@code audit} logger
 * per event. Callers pass ids and short facts only, never passwords, tokens, names or emails.
 */
@Singleton
public class AuditLog {

  private static final Logger AUDIT = LoggerFactory.getLogger("audit");
  private static final int MAX_DETAIL = 500;

  private final DataSource dataSource;
  private final Clock clock;

  public AuditLog(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /**
   * Records an event. A failing audit write is logged and does not fail the request: the log line
   * above it already carries the event.
   */
  public void record(
      AuditEvent event,
      @Nullable String userId,
      @Nullable String actor,
      @Nullable String clientAddress,
      @Nullable String detail) {
    AUDIT.info(
        "event={} user={} actor={} client={} detail={}",
        event.code(),
        userId,
        actor,
        clientAddress,
        detail);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO audit_events (occurred_at, event, user_id, actor, client_address,"
                    + " detail) VALUES (?, ?, ?, ?, ?, ?)")) {
      Rows.setInstant(insert, 1, clock.instant());
      insert.setString(2, event.code());
      insert.setString(3, userId);
      insert.setString(4, actor);
      insert.setString(5, truncate(clientAddress, 64));
      insert.setString(6, truncate(detail, MAX_DETAIL));
      insert.executeUpdate();
    } catch (SQLException e) {
      AUDIT.error("could not store audit event {} for user {}", event.code(), userId, e);
    }
  }

  /** Erasure keeps only the user id in the trail: the client addresses go with the account. */
  public void forgetClientAddresses(Connection connection, String userId) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE audit_events SET client_address = NULL WHERE user_id = ?")) {
      update.setString(1, userId);
      update.executeUpdate();
    }
  }

  private static String truncate(@Nullable String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
