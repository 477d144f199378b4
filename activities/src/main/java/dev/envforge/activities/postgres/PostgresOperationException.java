package dev.envforge.activities.postgres;

/**
 * A transient Postgres failure (connection lost, server busy, a concurrent run's object appearing):
 * the activity is retried. Its message is written by envforge, never the driver's, and names the
 * SQLSTATE.
 */
public class PostgresOperationException extends RuntimeException {

  private final String sqlState;

  public PostgresOperationException(String message, String sqlState) {
    super(message);
    this.sqlState = sqlState;
  }

  /** The SQLSTATE the server or driver reported, or null. */
  public String sqlState() {
    return sqlState;
  }
}
