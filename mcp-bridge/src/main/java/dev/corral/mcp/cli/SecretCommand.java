package dev.corral.mcp.cli;

import dev.corral.mcp.component.CorralDirectories;
import dev.corral.policy.SecretStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code corral secret set|delete|list}: the secret values a component's policy can name ({@code
 * secrets:}), kept in Corral's data directory apart from policies. A value is read from stdin or
 * from an environment variable, never from the command line, and is never printed.
 */
@Command(
    name = "secret",
    mixinStandardHelpOptions = true,
    description =
        "Stores, deletes and lists the secrets a component's policy can name (values are never printed).",
    subcommands = {
      SecretCommand.SetSecret.class,
      SecretCommand.DeleteSecret.class,
      SecretCommand.ListSecrets.class
    })
public final class SecretCommand {
  private static final String ID_DESCRIPTION =
      "The component id: an installed or sample component, or a --component file's name without .wasm.";

  /** A secret-store operation whose failures are the user's to act on. */
  @FunctionalInterface
  private interface StoreAction<T> {
    T apply(SecretStore store) throws IOException;
  }

  private static <T> T withStore(StoreAction<T> action) throws CliException {
    try {
      return action.apply(new SecretStore(CorralDirectories.current().secrets()));
    } catch (IOException | IllegalArgumentException e) {
      throw new CliException(e.getMessage(), e);
    }
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = {
        "Stores the secret NAME for a component, replacing an earlier value.",
        "The value is read from stdin (one trailing newline is dropped), or from the environment",
        "variable --from-env names. A running server hands it to the component at its next call,",
        "if its policy names NAME."
      })
  static final class SetSecret implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID", description = ID_DESCRIPTION)
    String component;

    @Parameters(
        index = "1",
        paramLabel = "NAME",
        description = "The secret's name, as the policy's secrets: list names it.")
    String name;

    @Option(
        names = "--from-env",
        paramLabel = "VAR",
        description = "Read the value from the environment variable VAR instead of stdin.")
    String fromEnv;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      String value =
          fromEnv != null
              ? SecretInput.fromEnvironment(System.getenv(), fromEnv)
              : SecretInput.fromStream(System.in);
      withStore(
          store -> {
            store.set(component, name, value);
            return null;
          });
      spec.commandLine().getOut().println("stored secret " + name + " for " + component);
      return 0;
    }
  }

  @Command(
      name = "delete",
      aliases = "rm",
      mixinStandardHelpOptions = true,
      description = "Deletes the secret NAME of a component.")
  static final class DeleteSecret implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID", description = ID_DESCRIPTION)
    String component;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (!withStore(store -> store.remove(component, name))) {
        throw new CliException(
            "component "
                + component
                + " has no secret '"
                + name
                + "' (see corral secret list "
                + component
                + ")");
      }
      spec.commandLine().getOut().println("deleted secret " + name + " of " + component);
      return 0;
    }
  }

  @Command(
      name = "list",
      aliases = "ls",
      mixinStandardHelpOptions = true,
      description = "Lists the names of a component's secrets (never their values).")
  static final class ListSecrets implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID", description = ID_DESCRIPTION)
    String component;

    @Option(
        names = {"-o", "--output"},
        defaultValue = "table",
        description = "table, json or yaml; default ${DEFAULT-VALUE}.")
    OutputFormat output;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Set<String> names = withStore(store -> store.names(component));
      PrintWriter out = spec.commandLine().getOut();
      if (output == OutputFormat.TABLE) {
        names.forEach(out::println);
      } else {
        ArrayNode list = JsonMapper.builder().build().createArrayNode();
        names.forEach(list::add);
        out.println(StructuredOutput.render(list, output));
      }
      out.flush();
      return 0;
    }
  }
}
