package org.vitalake.identity.jdbc;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs a unit of JDBC work in one transaction on the identity database. */
@Singleton
public class Transactions {

  /** JDBC work that may fail with an {@link SQLException}. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** SQLState both H2 and PostgreSQL report for a unique-constraint violation. */
  public static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;

  public Transactions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Commits when {@code work} returns, rolls back when it throws. */
  public <T> T inTransaction(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  /** Whether {@code e} (or a cause) is a unique-constraint violation. */
  public static boolean isUniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
