package dev.corral.mcp.cli;

import dev.corral.mcp.component.ComponentLoadException;
import dev.corral.mcp.component.ComponentLoader;
import dev.corral.mcp.component.CorralDirectories;
import dev.corral.mcp.component.LoadedComponent;
import dev.corral.samples.SampleTools;
import dev.corral.schema.ToolDefinition;
import dev.corral.schema.WitPrinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code corral inspect FILE|ID}: the component's WIT world as WIT text, then its MCP tools. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a component's WIT world (generated from the binary) as WIT text, then the MCP",
      "tool definitions Corral makes from it, as JSON."
    })
public final class InspectCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE|ID", description = "A component file, or the id of a sample tool (e.g. compute).")
  String target;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    LoadedComponent component;
    try {
      component = new ComponentLoader().load(resolve(target));
    } catch (ComponentLoadException e) {
      throw new CliException("cannot inspect " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(WitPrinter.print(component.sandboxed().compiled().world(), component.docs()).stripTrailing());
    out.println();
    out.println(toolsJson(component));
    out.flush();
    return 0;
  }

  private static Path resolve(String target) throws CliException {
    Path file = Path.of(target);
    if (Files.exists(file) || target.contains("/") || target.endsWith(".wasm")) {
      return file;
    }
    if (SampleTools.find(target).isPresent()) {
      Path directory = CorralDirectories.current().samples();
      try {
        SampleTools.copyBundledTo(directory);
      } catch (IOException e) {
        throw new CliException("cannot write the sample tools to " + directory + ": " + e.getMessage(), e);
      }
      Path sample = directory.resolve(target + ".wasm");
      if (Files.exists(sample)) {
        return sample;
      }
      throw new CliException("the sample tool '" + target + "' is not bundled in this build (build it with sample-tools/build.sh)");
    }
    throw new CliException("no component file or known component id '" + target + "'");
  }

  private static String toolsJson(LoadedComponent component) {
    JsonMapper json = JsonMapper.builder().build();
    ArrayNode tools = json.createArrayNode();
    for (ToolDefinition tool : component.tools()) {
      ObjectNode node = tools.addObject();
      node.put("name", tool.name());
      node.put("title", tool.title());
      node.put("description", tool.description());
      node.set("inputSchema", tool.inputSchema());
      node.set("outputSchema", tool.outputSchema());
    }
    return json.writerWithDefaultPrettyPrinter().writeValueAsString(tools);
  }
}
