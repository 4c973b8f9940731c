package dev.corral.mcp.server;

import dev.corral.mcp.component.LoadedComponent;
import dev.corral.schema.tools.ToolDefinition;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/** Turns loaded components into the MCP SDK's tool specifications. */
public final class ToolRegistry {
  private final JsonMapper json;
  private final ToolInvoker invoker;
  private final Set<String> reserved;
  private final RunningCalls running;

  /**
   * {@code reserved}: names component tools may not take (the built-in tools'); {@code running}
   * tracks calls so that they can be cancelled.
   */
  public ToolRegistry(
      JsonMapper json, ToolInvoker invoker, Set<String> reserved, RunningCalls running) {
    this.json = json;
    this.invoker = invoker;
    this.reserved = Set.copyOf(reserved);
    this.running = running;
  }

  private static Optional<String> requestId(McpSchema.CallToolRequest request) {
    return Optional.ofNullable(request.meta())
        .map(meta -> meta.get(RunningCalls.REQUEST_ID_META))
        .map(Object::toString);
  }

  /**
   * One specification per tool of every component, in load order, named as {@link ToolNaming} names
   * them.
   */
  public List<SyncToolSpecification> specifications(List<LoadedComponent> components) {
    return ToolNaming.name(components, reserved).stream()
        .map(named -> specification(named.component(), named.tool()))
        .toList();
  }

  @SuppressWarnings("unchecked")
  private SyncToolSpecification specification(LoadedComponent component, ToolDefinition tool) {
    McpSchema.Tool mcpTool =
        McpSchema.Tool.builder()
            .name(tool.name())
            .title(tool.title())
            .description(tool.description())
            .inputSchema(json.convertValue(tool.inputSchema(), Map.class))
            .outputSchema(json.convertValue(tool.outputSchema(), Map.class))
            .build();
    return SyncToolSpecification.builder()
        .tool(mcpTool)
        .callHandler(
            (exchange, request) ->
                running.run(
                    requestId(request),
                    () ->
                        invoker.call(
                            component,
                            tool,
                            request.arguments(),
                            (level, logger, message) ->
                                exchange.loggingNotification(
                                    new McpSchema.LoggingMessageNotification(
                                        level, logger, message)))))
        .build();
  }
}
