package dev.envforge.starter.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryConditionallyRejectedException;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one place where the SDK's and gRPC's failures become the API's own exceptions, so that no
 * caller outside this package needs to know either.
 */
final class TemporalFailures {

  private static final String VALIDATOR_ILLEGAL_STATE = IllegalStateException.class.getName();

  private TemporalFailures() {}

  /** Runs a call to Temporal, turning an unreachable or slow server into one exception. */
  static <T> T translated(Supplier<T> call) {
    return withoutWorker(() -> translatedFromSdk(call));
  }

  /**
   * The server refuses a query at once with FAILED_PRECONDITION when no worker has polled the task
   * queue recently: that is a missing worker, which the caller may wait out, not a broken request.
   */
  private static <T> T withoutWorker(Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      if (!(e instanceof WorkerUnavailableException) && isNoPoller(e)) {
        throw new WorkerUnavailableException(e);
      }
      throw e;
    }
  }

  private static <T> T translatedFromSdk(Supplier<T> call) {
    try {
      return call.get();
    } catch (WorkflowUpdateTimeoutOrCancelledException e) {
      throw new TemporalUnavailableException(
          "the environment's workflow did not answer in time; is a worker running?", true, e);
    } catch (WorkflowQueryException e) {
      // The query reached a worker but the workflow could not answer it (a failing workflow task,
      // for one); the cause is in the worker's log and the Temporal UI, not for the caller.
      throw new TemporalUnavailableException(
          "the environment's workflow could not answer its status query", false, e);
    } catch (RuntimeException e) {
      Status.Code code = statusCode(e);
      if (code == Status.Code.UNAVAILABLE) {
        throw new TemporalUnavailableException("Temporal is unavailable", false, e);
      }
      if (code == Status.Code.DEADLINE_EXCEEDED || code == Status.Code.CANCELLED) {
        throw new TemporalUnavailableException("Temporal did not answer in time", true, e);
      }
      throw e;
    }
  }

  /** Runs a call on one workflow; empty if the server knows no such workflow or run. */
  static <T> Optional<T> unlessNotFound(Supplier<T> call) {
    try {
      return Optional.of(call.get());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      if (statusCode(e) == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Runs a query that the server refuses once the run has closed; empty if it did, or if the server
   * knows no such run.
   */
  static <T> Optional<T> unlessClosed(Supplier<T> query) {
    try {
      return unlessNotFound(query);
    } catch (WorkflowQueryConditionallyRejectedException e) {
      return Optional.empty();
    }
  }

  /** Runs an update, turning the workflow's refusal into {@link UpdateRefusedException}. */
  static <T> T refusalTranslated(Supplier<T> update) {
    try {
      return update.get();
    } catch (WorkflowUpdateException e) {
      throw refusal(e);
    }
  }

  static boolean isNoPoller(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException status) {
        String description = status.getStatus().getDescription();
        return status.getStatus().getCode() == Status.Code.FAILED_PRECONDITION
            && description != null
            && description.contains("no poller");
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** Whether the server refused the call's arguments, such as a visibility page token. */
  static boolean isInvalidArgument(RuntimeException e) {
    return statusCode(e) == Status.Code.INVALID_ARGUMENT;
  }

  /**
   * An update's validator throws IllegalStateException when the phase forbids the update and
   * IllegalArgumentException when the input is unacceptable; both reach the client as an
   * ApplicationFailure typed with the exception's class name.
   */
  static UpdateRefusedException refusal(WorkflowUpdateException e) {
    if (e.getCause() instanceof ApplicationFailure failure) {
      UpdateRefusedException.Reason reason =
          VALIDATOR_ILLEGAL_STATE.equals(failure.getType())
              ? UpdateRefusedException.Reason.WRONG_STATE
              : UpdateRefusedException.Reason.UNACCEPTABLE;
      return new UpdateRefusedException(reason, failure.getOriginalMessage());
    }
    String message = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
    return new UpdateRefusedException(UpdateRefusedException.Reason.UNACCEPTABLE, message);
  }

  /** The gRPC status somewhere in the cause chain, or null. */
  static Status.Code statusCode(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException status) {
        return status.getStatus().getCode();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
