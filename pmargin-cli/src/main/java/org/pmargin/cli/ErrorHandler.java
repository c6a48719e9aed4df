package org.pmargin.cli;

import org.pmargin.core.validation.InvalidInputException;
import picocli.CommandLine;

/**
 * Turns an exception from a subcommand into one line on standard error and an exit code: bad input is the user's
 * to fix ({@link ExitCodes#BAD_INPUT}), anything else is ours ({@link ExitCodes#INTERNAL}, with the stack trace).
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
    if (ex instanceof InvalidInputException e) {
      cl.getErr().println("error: " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
    cl.getErr().println("internal error: " + ex);
    ex.printStackTrace(cl.getErr());
    return ExitCodes.INTERNAL;
  }
}
