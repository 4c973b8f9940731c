package dev.corral.mcp.component;

import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A component that is not served, and why: its policy is invalid (the reason names the policy file,
 * line and column), or its binary cannot be used (missing, unreadable, not a valid component, or
 * changed since it was installed). None of its tools are offered.
 */
public record UnservedComponent(String id, Path source, String reason) implements ComponentStatus {
  public UnservedComponent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reason, "reason");
  }

  /** The unserved component of a failed load. */
  public static UnservedComponent of(String id, ComponentLoadException e) {
    return new UnservedComponent(id, e.source(), e.reason());
  }

  @Override
  public UnservedComponent withId(String newId) {
    return new UnservedComponent(newId, source, reason);
  }

  /** {@link #reason()} on one line: a policy's problems and hints joined by "; ". */
  public String reasonLine() {
    return reason
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .collect(Collectors.joining("; "));
  }

  /** The one line that reports it (on stderr and to MCP clients). */
  public String report() {
    return "not serving component " + id + " (" + source + "): " + reasonLine();
  }
}
