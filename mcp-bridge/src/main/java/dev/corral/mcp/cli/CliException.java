package dev.corral.mcp.cli;

/** A command failed for a reason the user can act on; its message is shown as is. */
public final class CliException extends Exception {
  private static final long serialVersionUID = 1L;

  public CliException(String message) {
    super(message);
  }

  public CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
