package dev.corral.mcp.cli;

import dev.corral.mcp.component.ComponentDescription;
import dev.corral.mcp.component.ComponentDirectory;
import dev.corral.mcp.component.ComponentLoadException;
import dev.corral.mcp.component.ComponentLoader;
import dev.corral.mcp.component.CorralDirectories;
import dev.corral.policy.ComponentIds;
import dev.corral.samples.SampleTools;
import dev.corral.schema.wit.WitPrinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code corral inspect FILE|ID}: the component's WIT world as WIT text, then its tool catalog (the
 * MCP tool definitions, the functions left out with the reason, the tools renamed).
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a component's WIT world (generated from the binary) as WIT text, then, as JSON,",
      "the MCP tool definitions Corral makes from it (\"tools\"), the exported functions it",
      "cannot offer as tools with the reason (\"skipped\") and the tools it renamed (\"renamed\").",
      "The policy is not used: a broken one beside the file only gets a warning."
    })
public final class InspectCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "FILE|ID",
      description =
          "A component file, or the id of an installed component or of a sample tool (e.g. compute).")
  String target;

  @Option(
      names = "--component-dir",
      paramLabel = "DIR",
      description = "Where installed components live (default: $XDG_DATA_HOME/corral/components).")
  Path componentDir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path file = resolve(target);
    ComponentDescription component;
    try {
      component = new ComponentLoader().describe(file);
    } catch (ComponentLoadException e) {
      throw new CliException("cannot inspect " + e.getMessage(), e);
    }
    ComponentLoader.policyProblem(file)
        .ifPresent(
            problem -> {
              PrintWriter err = spec.commandLine().getErr();
              err.println(
                  "corral: warning: inspect ignores the policy beside "
                      + file
                      + ", which serve would refuse: "
                      + problem);
              err.flush();
            });
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        WitPrinter.print(component.sandboxed().compiled().world(), component.docs())
            .stripTrailing());
    out.println();
    out.println(
        JsonMapper.builder()
            .build()
            .writerWithDefaultPrettyPrinter()
            .writeValueAsString(component.catalog().toJson()));
    out.flush();
    return 0;
  }

  /** The file {@code target} names: a path, else an installed component's id, else a sample's. */
  private Path resolve(String target) throws CliException {
    Path file = Path.of(target);
    if (Files.exists(file) || target.contains("/") || target.endsWith(".wasm")) {
      return file;
    }
    ComponentDirectory installed = CorralDirectories.current().installed(componentDir);
    if (ComponentIds.isValid(target) && Files.isRegularFile(installed.componentFile(target))) {
      return installed.componentFile(target);
    }
    if (SampleTools.find(target).isPresent()) {
      Path directory = CorralDirectories.current().samples();
      try {
        SampleTools.copyBundledTo(directory);
      } catch (IOException e) {
        throw new CliException(
            "cannot write the sample tools to " + directory + ": " + e.getMessage(), e);
      }
      Path sample = directory.resolve(target + ".wasm");
      if (Files.exists(sample)) {
        return sample;
      }
      throw new CliException(
          "the sample tool '"
              + target
              + "' is not bundled in this build (build it with sample-tools/build.sh)");
    }
    throw new CliException(
        "no component file, installed component (in "
            + installed.path()
            + ") or sample tool '"
            + target
            + "'");
  }
}
