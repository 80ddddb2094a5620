package org.vitalake.identity.jdbc;

import java.sql.SQLException;

/** The identity database failed; the request ends with a 500 and the cause is logged. */
public class DatabaseException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DatabaseException(SQLException cause) {
    super("identity database error (SQLState " + cause.getSQLState() + ")", cause);
  }
}
