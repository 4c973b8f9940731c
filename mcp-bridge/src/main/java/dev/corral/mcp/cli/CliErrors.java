package dev.corral.mcp.cli;

import picocli.CommandLine;

/**
 * Turns an exception escaping a command into one line on stderr and exit status 1. A user-facing
 * failure ({@link CliException}) prints only its message; anything else also names its type.
 */
final class CliErrors implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    String message =
        e instanceof CliException
            ? e.getMessage()
            : e.getClass().getSimpleName() + ": " + e.getMessage();
    commandLine.getErr().println("corral: " + message);
    commandLine.getErr().flush();
    return 1;
  }
}
