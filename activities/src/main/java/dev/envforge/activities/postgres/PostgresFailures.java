package dev.envforge.activities.postgres;

import dev.envforge.workflows.failure.EnvironmentFailure;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;

/**
 * Turns driver exceptions into envforge's. The driver's exception is never kept as a cause: its
 * message may quote the statement, and a statement that sets a password carries (a hash of) it.
 */
final class PostgresFailures {

  static final String INSUFFICIENT_PRIVILEGE = "42501";
  static final String OBJECT_IN_USE = "55006";

  private PostgresFailures() {}

  /**
   * @param action what envforge was doing, e.g. "creating database \"x\""; names, never values
   * @param statementCarriesSecret true when the statement held a password: then the server's text
   *     is left out as well
   */
  static RuntimeException translate(String action, SQLException e, boolean statementCarriesSecret) {
    String state = e.getSQLState();
    String message = action + " failed (SQLSTATE " + state + ")";
    if (!statementCarriesSecret) {
      message += ": " + serverText(e);
    }
    if (INSUFFICIENT_PRIVILEGE.equals(state)) {
      return EnvironmentFailure.FORBIDDEN.failure(
          message + "; the Postgres admin role lacks a privilege");
    }
    if (state != null && state.startsWith("28")) {
      // invalid_authorization_specification: the server refused envforge's admin credentials.
      return EnvironmentFailure.FORBIDDEN.failure(message);
    }
    return new PostgresOperationException(message, state);
  }

  /** The server's primary message alone, without position, context or statement. */
  private static String serverText(SQLException e) {
    if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
      return psql.getServerErrorMessage().getMessage();
    }
    return e.getMessage();
  }
}
