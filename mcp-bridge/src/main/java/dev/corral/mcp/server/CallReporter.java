package dev.corral.mcp.server;

import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;

/**
 * Where a tool call's side messages go: the guest's stderr and the sandbox's notices (such as a
 * network request the policy refused). The server sends them as MCP logging notifications; the CLI
 * prints them on stderr.
 */
@FunctionalInterface
public interface CallReporter {
  void report(LoggingLevel level, String logger, String message);

  /** Drops everything. */
  static CallReporter none() {
    return (level, logger, message) -> {};
  }
}
