package dev.corral.mcp.server;

import dev.corral.mcp.component.LoadedComponent;
import dev.corral.schema.ToolDefinition;
import dev.corral.schema.ToolNames;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/** Turns loaded components into the MCP SDK's tool specifications. */
public final class ToolRegistry {
  private static final Logger log = LoggerFactory.getLogger(ToolRegistry.class);

  private final JsonMapper json;
  private final ToolInvoker invoker;
  private final Set<String> reserved;
  private final RunningCalls running;

  /**
   * {@code reserved}: names component tools may not take (the built-in tools'); {@code running}
   * tracks calls so that they can be cancelled.
   */
  public ToolRegistry(JsonMapper json, ToolInvoker invoker, Set<String> reserved, RunningCalls running) {
    this.json = json;
    this.invoker = invoker;
    this.reserved = Set.copyOf(reserved);
    this.running = running;
  }

  private static Optional<String> requestId(McpSchema.CallToolRequest request) {
    return Optional.ofNullable(request.meta()).map(meta -> meta.get(RunningCalls.REQUEST_ID_META)).map(Object::toString);
  }

  private static ToolDefinition renamedAwayFromReserved(LoadedComponent component, ToolDefinition tool) {
    String name = ToolNames.sanitize(component.id() + "_" + tool.name());
    log.info("{}: tool name {} is a built-in tool's, using {}", tool.function().qualifiedName(), tool.name(), name);
    return tool.withName(name);
  }

  /**
   * One specification per tool of every component, in load order. Names are unique across all
   * components: a later tool whose name is taken gets a {@code _2}, {@code _3}... suffix (logged).
   */
  public List<SyncToolSpecification> specifications(List<LoadedComponent> components) {
    List<LoadedComponent> owners = new ArrayList<>();
    List<ToolDefinition> tools = new ArrayList<>();
    for (LoadedComponent component : components) {
      for (ToolDefinition tool : component.tools()) {
        owners.add(component);
        tools.add(reserved.contains(tool.name()) ? renamedAwayFromReserved(component, tool) : tool);
      }
    }
    ToolNames.UniqueTools unique = ToolNames.uniquify(tools);
    unique.renamings().forEach(renaming -> log.info("{}", renaming));
    List<SyncToolSpecification> specifications = new ArrayList<>();
    for (int i = 0; i < owners.size(); i++) {
      specifications.add(specification(owners.get(i), unique.tools().get(i)));
    }
    return specifications;
  }

  @SuppressWarnings("unchecked")
  private SyncToolSpecification specification(LoadedComponent component, ToolDefinition tool) {
    McpSchema.Tool mcpTool = McpSchema.Tool.builder()
        .name(tool.name())
        .title(tool.title())
        .description(tool.description())
        .inputSchema(json.convertValue(tool.inputSchema(), Map.class))
        .outputSchema(json.convertValue(tool.outputSchema(), Map.class))
        .build();
    return SyncToolSpecification.builder()
        .tool(mcpTool)
        .callHandler((exchange, request) -> running.run(requestId(request),
            () -> invoker.call(component, tool, request.arguments(), (level, logger, message) ->
                exchange.loggingNotification(new McpSchema.LoggingMessageNotification(level, logger, message)))))
        .build();
  }
}
