package dev.envforge.cli;

import dev.envforge.client.ApiException;
import dev.envforge.client.ConflictException;
import dev.envforge.client.EnvforgeException;
import dev.envforge.client.InvalidRequestException;
import dev.envforge.client.NotAuthorizedException;
import dev.envforge.client.NotFoundException;
import dev.envforge.client.ServerUnreachableException;
import dev.envforge.client.WaitTimedOutException;

/** Turns any failure into its exit code and the one line a person reads; never a stack trace. */
final class ErrorLines {

  private ErrorLines() {}

  static int exitCode(Throwable failure) {
    if (failure instanceof CliFailure cli) {
      return cli.exitCode();
    }
    if (failure instanceof NotAuthorizedException) {
      return ExitCodes.NOT_AUTHORIZED;
    }
    if (failure instanceof NotFoundException) {
      return ExitCodes.NOT_FOUND;
    }
    if (failure instanceof ConflictException) {
      return ExitCodes.CONFLICT;
    }
    if (failure instanceof InvalidRequestException) {
      return ExitCodes.USAGE;
    }
    if (failure instanceof WaitTimedOutException) {
      return ExitCodes.TIMEOUT;
    }
    if (failure instanceof ServerUnreachableException) {
      return ExitCodes.UNAVAILABLE;
    }
    if (failure instanceof ApiException api && api.status() >= 500) {
      return ExitCodes.UNAVAILABLE;
    }
    return ExitCodes.ERROR;
  }

  static String line(Throwable failure) {
    String message;
    if (failure instanceof NotAuthorizedException api && api.status() == 401) {
      message = api.getMessage() + " (log in with: envforge login --server URL)";
    } else if (failure instanceof EnvforgeException || failure instanceof CliFailure) {
      message = failure.getMessage();
    } else {
      // Unforeseen: name it without the trace; the message alone may be empty.
      message =
          failure.getClass().getSimpleName()
              + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }
    return "envforge: " + message.replaceAll("\\p{Cntrl}+", " ").strip();
  }
}
