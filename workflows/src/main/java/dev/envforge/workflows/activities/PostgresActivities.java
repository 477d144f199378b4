package dev.envforge.workflows.activities;

import io.temporal.activity.ActivityInterface;

/** The {@code direct} database driver: a role and a database on the configured Postgres server. */
@ActivityInterface
public interface PostgresActivities {
  /**
   * Creates (or finds) the role with a generated password and the database it owns, and writes the
   * connection Secret into the environment's namespace. Returns no password.
   */
  DatabaseRef ensureDatabase(DatabaseSpec spec);

  /** Terminates the database's sessions and drops database and role; absent ones are done. */
  void dropDatabase(DatabaseSpec spec);
}
