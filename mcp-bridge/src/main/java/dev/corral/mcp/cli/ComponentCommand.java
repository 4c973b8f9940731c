package dev.corral.mcp.cli;

import dev.corral.mcp.component.ComponentDirectory;
import dev.corral.mcp.component.ComponentInstaller;
import dev.corral.mcp.component.ComponentLoadException;
import dev.corral.mcp.component.ComponentLoader;
import dev.corral.mcp.component.ComponentOpener;
import dev.corral.mcp.component.CorralDirectories;
import dev.corral.mcp.component.UnservedComponent;
import dev.corral.oci.InstalledComponent;
import dev.corral.oci.OciException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code corral component load|unload|list}: the installed components. */
@Command(
    name = "component",
    mixinStandardHelpOptions = true,
    description = "Installs, removes and lists the components `corral serve` loads at start.",
    subcommands = {
      ComponentCommand.Load.class,
      ComponentCommand.Unload.class,
      ComponentCommand.ListInstalled.class
    })
public final class ComponentCommand {

  /** {@code --component-dir}, shared by the subcommands. */
  static final class DirectoryOption {
    @Option(
        names = "--component-dir",
        paramLabel = "DIR",
        description =
            "Where installed components live (default: $XDG_DATA_HOME/corral/components).")
    Path directory;

    ComponentDirectory resolve() {
      return CorralDirectories.current().installed(directory);
    }
  }

  @Command(
      name = "load",
      mixinStandardHelpOptions = true,
      description = {
        "Installs a component from oci://REGISTRY/REPO[:TAG|@DIGEST], file:// or https:// (or a file path).",
        "OCI artifacts must carry a signature by a trusted key (--key, or trust.json in the config)."
      })
  static final class Load implements Callable<Integer> {
    @Parameters(paramLabel = "SOURCE")
    String source;

    @Mixin SignatureOptions signatures;

    @Option(
        names = "--id",
        paramLabel = "ID",
        description = "The id to install under (default: the repository's or file's last name).")
    String id;

    @Mixin DirectoryOption directory;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      ComponentDirectory installed = directory.resolve();
      ComponentInstaller installer = new ComponentInstaller(signatures.client(source), installed);
      ComponentInstaller.Installed result;
      try {
        InstalledComponent pulled = installer.fetch(source, signatures.allowUnsigned);
        if (!pulled.signature().verified()) {
          spec.commandLine()
              .getErr()
              .println("corral: WARNING: " + pulled.signature().description());
        }
        result = installer.install(source, pulled, Optional.ofNullable(id));
      } catch (ComponentLoadException e) {
        throw new CliException(
            e.getCause() instanceof OciException ? e.getCause().getMessage() : e.getMessage(), e);
      }
      out.println(
          "installed "
              + result.id()
              + " from "
              + result.pulled().source()
              + " ("
              + result.pulled().digest()
              + ")");
      out.println("signature: " + result.pulled().signature().description());
      String digest = result.pulled().digest().toString();
      result
          .replaced()
          .filter(before -> !before.equals(digest))
          .ifPresent(
              before ->
                  out.println(
                      "replaced: " + before + " (the installed policy and secrets are kept)"));
      if (result.policyWritten()) {
        out.println(
            "policy: " + installed.policyFile(result.id()) + " (shipped with the component)");
      }
      return 0;
    }
  }

  @Command(
      name = "unload",
      mixinStandardHelpOptions = true,
      description = "Removes an installed component, its policy and its secrets.")
  static final class Unload implements Callable<Integer> {
    @Parameters(paramLabel = "ID")
    String id;

    @Mixin DirectoryOption directory;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (!directory.resolve().remove(id)) {
        throw new CliException(
            "no installed component '" + id + "' in " + directory.resolve().path());
      }
      spec.commandLine().getOut().println("removed " + id);
      return 0;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "Lists the installed components; one that `corral serve` cannot serve (an invalid policy, a binary",
        "missing or changed since it was installed) is shown as not served, with the reason."
      })
  static final class ListInstalled implements Callable<Integer> {
    @Mixin DirectoryOption directory;

    @Option(
        names = {"-o", "--output"},
        defaultValue = "table",
        description = "table, json or yaml; default ${DEFAULT-VALUE}.")
    OutputFormat output;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      ComponentDirectory installed = directory.resolve();
      ComponentOpener opener = new ComponentOpener(new ComponentLoader(), installed);
      if (output != OutputFormat.TABLE) {
        ArrayNode list = JsonMapper.builder().build().createArrayNode();
        for (String id : installed.ids()) {
          Optional<String> unserved = whyNotServed(opener, id);
          ObjectNode entry = list.addObject();
          entry.put("id", id);
          entry.put("component", installed.componentFile(id).toString());
          entry.put(
              "policy",
              Files.exists(installed.policyFile(id)) ? installed.policyFile(id).toString() : null);
          entry.put("served", unserved.isEmpty());
          entry.put("reason", unserved.orElse(null));
        }
        spec.commandLine().getOut().println(StructuredOutput.render(list, output));
        return 0;
      }
      for (String id : installed.ids()) {
        Optional<String> unserved = whyNotServed(opener, id);
        String note =
            unserved
                .map(reason -> "  (not served: " + reason + ")")
                .orElse(
                    Files.exists(installed.policyFile(id)) ? "" : "  (no policy: nothing granted)");
        spec.commandLine().getOut().println(id + note);
      }
      return 0;
    }

    /**
     * Why {@code corral serve} would not serve {@code id} (as it reports it), empty if it would.
     */
    private static Optional<String> whyNotServed(ComponentOpener opener, String id) {
      return opener.checkInstalled(id).map(UnservedComponent::reasonLine);
    }
  }
}
