package dev.envforge.starter.temporal;

/**
 * Temporal is up, but no worker polls the environments' task queue, so nothing can answer for an
 * open run (its status query, an update). The request may be retried once a worker is back.
 */
public class WorkerUnavailableException extends TemporalUnavailableException {

  public WorkerUnavailableException(Throwable cause) {
    super("no worker is answering for the environment's workflow", false, cause);
  }
}
