package dev.corral.mcp.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code corral} command: a container for the subcommands. */
@Command(
    name = "corral",
    mixinStandardHelpOptions = true,
    versionProvider = CorralVersion.class,
    description = "Runs WebAssembly components as sandboxed MCP tools.",
    subcommands = {
      ServeCommand.class,
      InspectCommand.class,
      ComponentCommand.class,
      PolicyCommand.class,
      PermissionCommand.class,
      SecretCommand.class,
      ToolCommand.class,
      PullCommand.class,
      PushCommand.class,
      SignCommand.class,
      VerifyCommand.class,
      KeygenCommand.class,
      AutoComplete.GenerateCompletion.class,
      CommandLine.HelpCommand.class
    })
public final class CorralCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** A command line for {@code corral} with Corral's error handling. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new CorralCommand());
    commandLine.setExecutionExceptionHandler(new CliErrors());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a command is required (try: corral serve)");
  }
}
