package dev.corral.mcp.cli;

import dev.corral.mcp.component.ComponentLoader;
import dev.corral.mcp.component.ComponentOpener;
import dev.corral.mcp.component.CorralDirectories;
import dev.corral.mcp.component.OwnResources;
import dev.corral.mcp.server.ComponentRegistry;
import dev.corral.mcp.server.ManagementTools;
import dev.corral.mcp.server.ToolInvoker;
import dev.corral.mcp.server.ToolNaming;
import dev.corral.mcp.server.ToolNaming.NamedTool;
import dev.corral.policy.SecretStore;
import dev.corral.sandbox.runtime.CodeCache;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/** {@code corral tool list|invoke}: the tools {@code serve} would offer, without an MCP client. */
@Command(
    name = "tool",
    mixinStandardHelpOptions = true,
    description = "Lists and calls component tools directly.",
    subcommands = {ToolCommand.ListTools.class, ToolCommand.Invoke.class})
public final class ToolCommand {

  /** The tools of the selected components, with the ids and names {@code serve} gives them. */
  static List<NamedTool> tools(ComponentSelection selection) throws CliException {
    ComponentLoader loader =
        new ComponentLoader(CodeCache.onDisk(CorralDirectories.current().cache()));
    return ToolNaming.name(
        new ComponentRegistry(
                selection.openAll(new ComponentOpener(loader, selection.installed()), false))
            .all(),
        ManagementTools.NAMES);
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists the tools with their descriptions.")
  static final class ListTools implements Callable<Integer> {
    @Mixin ComponentSelection selection;

    @Option(
        names = {"-o", "--output"},
        defaultValue = "table",
        description =
            "table, json or yaml (json and yaml: the MCP tool definitions); default ${DEFAULT-VALUE}.")
    OutputFormat output;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      List<NamedTool> tools = tools(selection);
      if (output != OutputFormat.TABLE) {
        ArrayNode array = JsonMapper.builder().build().createArrayNode();
        tools.forEach(b -> array.add(b.tool().toJson()));
        out.println(StructuredOutput.render(array, output));
      } else {
        int width = tools.stream().mapToInt(b -> b.tool().name().length()).max().orElse(4);
        for (NamedTool b : tools) {
          out.printf(
              "%-" + width + "s  %s  (%s)%n",
              b.tool().name(),
              b.tool().description().lines().findFirst().orElse(""),
              b.component().id());
        }
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "invoke",
      mixinStandardHelpOptions = true,
      description =
          "Calls a tool in the sandbox under its policy and prints the result as JSON; exit status 1 on a tool error.")
  static final class Invoke implements Callable<Integer> {
    @Parameters(paramLabel = "NAME")
    String name;

    @Option(
        names = "--args",
        paramLabel = "JSON",
        defaultValue = "{}",
        description = "The arguments, a JSON object (default: {}).")
    String arguments;

    @Mixin ComponentSelection selection;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      JsonMapper json = JsonMapper.builder().build();
      JsonNode args;
      try {
        args = json.readTree(arguments);
      } catch (JacksonException e) {
        throw new CliException("--args is not JSON: " + e.getOriginalMessage());
      }
      if (!args.isObject()) {
        throw new CliException(
            "--args must be a JSON object, got "
                + args.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
      }
      List<NamedTool> tools = tools(selection);
      NamedTool bound =
          tools.stream()
              .filter(b -> b.tool().name().equals(name))
              .findFirst()
              .orElseThrow(() -> new CliException("no tool '" + name + "' (see corral tool list)"));
      @SuppressWarnings("unchecked")
      Map<String, Object> map = json.convertValue(args, Map.class);
      CorralDirectories directories = CorralDirectories.current();
      CallToolResult result =
          new ToolInvoker(
                  json,
                  System::getenv,
                  new SecretStore(directories.secrets()),
                  OwnResources.of(directories, selection.componentDir))
              .call(
                  bound.component(),
                  bound.tool(),
                  map,
                  (level, logger, message) ->
                      spec.commandLine()
                          .getErr()
                          .println(
                              logger
                                  + " ["
                                  + level.name().toLowerCase(java.util.Locale.ROOT)
                                  + "] "
                                  + message));
      if (Boolean.TRUE.equals(result.isError())) {
        if (result.structuredContent() != null) {
          spec.commandLine().getOut().println(json.writeValueAsString(result.structuredContent()));
          spec.commandLine().getOut().flush();
        }
        throw new CliException(((McpSchema.TextContent) result.content().get(0)).text());
      }
      spec.commandLine().getOut().println(json.writeValueAsString(result.structuredContent()));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
