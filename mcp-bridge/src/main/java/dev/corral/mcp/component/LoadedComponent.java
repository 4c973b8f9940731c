package dev.corral.mcp.component;

import dev.corral.policy.LivePolicy;
import dev.corral.sandbox.SandboxedComponent;
import dev.corral.sandbox.binary.Component;
import dev.corral.schema.tools.ToolDefinition;
import dev.corral.schema.wit.ComponentDocs;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A component ready to serve calls: where it came from, its sandboxed form (instantiated afresh for
 * every call), its documentation, the policy file that grants its capabilities (re-read when it
 * changes), and the MCP tools made from its exports.
 */
public record LoadedComponent(
    String id,
    Path source,
    SandboxedComponent sandboxed,
    ComponentDocs docs,
    LivePolicy policy,
    List<ToolDefinition> tools)
    implements ComponentStatus {
  public LoadedComponent {
    Objects.requireNonNull(docs, "docs");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sandboxed, "sandboxed");
    Objects.requireNonNull(policy, "policy");
    tools = List.copyOf(tools);
  }

  /** This component under another id (its file, policy and tools unchanged). */
  @Override
  public LoadedComponent withId(String newId) {
    return new LoadedComponent(newId, source, sandboxed, docs, policy, tools);
  }

  /** The decoded binary. */
  public Component binary() {
    return sandboxed.compiled().component();
  }
}
