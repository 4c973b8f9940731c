package dev.corral.mcp.server;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The built-in tools of a server that serves a declared deployment (replicas with no shared
 * memory): the ones that would change what it serves or what its components may do are refused with
 * an error saying where the deployment's state is managed; the others work as usual.
 */
public final class DeclaredManagement {
  /** The built-in tools that change state. */
  static final Set<String> STATE_CHANGING =
      Set.of(
          "load-component",
          "unload-component",
          "grant-storage-permission",
          "grant-network-permission",
          "grant-environment-variable-permission",
          "revoke-storage-permission",
          "revoke-network-permission",
          "revoke-environment-variable-permission",
          "reset-permission");

  private DeclaredManagement() {}

  /** {@code tools} with the state-changing ones refusing, naming {@code declaration}. */
  public static List<SyncToolSpecification> of(
      List<SyncToolSpecification> tools, Path declaration) {
    return tools.stream()
        .map(
            tool ->
                STATE_CHANGING.contains(tool.tool().name()) ? refusing(tool, declaration) : tool)
        .toList();
  }

  private static SyncToolSpecification refusing(SyncToolSpecification tool, Path declaration) {
    String message =
        tool.tool().name()
            + " refused: this server is one replica of a deployment declared in "
            + declaration
            + "; its components and policies are managed there (change the file and restart the"
            + " replicas), not through MCP";
    return SyncToolSpecification.builder()
        .tool(tool.tool())
        .callHandler(
            (exchange, request) ->
                CallToolResult.builder().addTextContent(message).isError(true).build())
        .build();
  }
}
