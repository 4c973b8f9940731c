package dev.corral.mcp;

import dev.corral.mcp.cli.CorralCommand;

/** The {@code corral} command-line entry point. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(CorralCommand.commandLine().execute(args));
  }
}
