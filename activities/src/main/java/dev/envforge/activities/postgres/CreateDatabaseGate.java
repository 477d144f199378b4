package dev.envforge.activities.postgres;

import dev.envforge.activities.temporal.ActivityPatience;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code CREATE DATABASE} the way Postgres tolerates it. Postgres refuses it with SQLSTATE
 * 55006 when another session is still connected to the template after the server's own five seconds
 * of waiting, so this worker runs only a few creations at a time and retries 55006 a few times with
 * a short backoff before handing the failure to the activity's own retries. In a local activity,
 * which holds its workflow task open, it waits for a slot only briefly and tries once: each 55006
 * has already cost Postgres' five seconds, and the step's retries take over from there.
 */
final class CreateDatabaseGate {

  /** The statement to run; may throw SQLException (e.g. 55006). */
  @FunctionalInterface
  interface Creation {
    void run() throws SQLException;
  }

  /** Waits between attempts; replaceable so that tests need not sleep. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  static final int DEFAULT_ATTEMPTS = 3;
  static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofMillis(250);
  static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(60);

  private final Semaphore slots;
  private final Duration patience;
  private final int attempts;
  private final Duration firstBackoff;
  private final Sleeper sleeper;

  CreateDatabaseGate(int maxParallel) {
    this(
        maxParallel,
        DEFAULT_PATIENCE,
        DEFAULT_ATTEMPTS,
        DEFAULT_FIRST_BACKOFF,
        duration -> Thread.sleep(duration.toMillis()));
  }

  CreateDatabaseGate(
      int maxParallel, Duration patience, int attempts, Duration firstBackoff, Sleeper sleeper) {
    this.slots = new Semaphore(maxParallel, true);
    this.patience = patience;
    this.attempts = attempts;
    this.firstBackoff = firstBackoff;
    this.sleeper = sleeper;
  }

  /**
   * Runs {@code creation} within a slot. Throws the last SQLException when every attempt met 55006
   * or at once for any other SQLException; a plain (transient) exception when no slot freed up.
   */
  void create(String database, Creation creation) throws SQLException {
    acquire(database);
    int tries = ActivityPatience.runningLocally() ? 1 : attempts;
    try {
      Duration backoff = firstBackoff;
      for (int attempt = 1; ; attempt++) {
        try {
          creation.run();
          return;
        } catch (SQLException e) {
          if (!PostgresFailures.OBJECT_IN_USE.equals(e.getSQLState()) || attempt >= tries) {
            throw e;
          }
        }
        pause(database, backoff);
        backoff = backoff.multipliedBy(2);
      }
    } finally {
      slots.release();
    }
  }

  private void acquire(String database) {
    Duration wait = ActivityPatience.within(patience);
    try {
      if (!slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new PostgresOperationException(
            "creating database \""
                + database
                + "\" waited "
                + wait
                + " for one of this worker's database creation slots",
            null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PostgresOperationException(
          "interrupted while waiting to create database \"" + database + "\"", null);
    }
  }

  private void pause(String database, Duration backoff) {
    try {
      sleeper.sleep(backoff);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PostgresOperationException(
          "interrupted while retrying to create database \"" + database + "\"", null);
    }
  }
}
