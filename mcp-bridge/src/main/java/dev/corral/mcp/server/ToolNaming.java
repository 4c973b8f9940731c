package dev.corral.mcp.server;

import dev.corral.mcp.component.LoadedComponent;
import dev.corral.schema.tools.ToolDefinition;
import dev.corral.schema.tools.ToolNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The names the tools of several components are served under, the same for {@code serve} and {@code
 * corral tool}: {@link ToolNames#uniquify(List, List, Set)} applied to every tool in load order,
 * its renamings logged.
 */
public final class ToolNaming {
  private static final Logger log = LoggerFactory.getLogger(ToolNaming.class);

  private ToolNaming() {}

  /** A tool under its served name, with the component that runs it. */
  public record NamedTool(LoadedComponent component, ToolDefinition tool) {}

  /**
   * Every tool of {@code components}, in load order, named away from {@code reserved} and from each
   * other.
   */
  public static List<NamedTool> name(List<LoadedComponent> components, Set<String> reserved) {
    List<LoadedComponent> owners = new ArrayList<>();
    List<ToolDefinition> tools = new ArrayList<>();
    for (LoadedComponent component : components) {
      for (ToolDefinition tool : component.tools()) {
        owners.add(component);
        tools.add(tool);
      }
    }
    ToolNames.UniqueTools unique =
        ToolNames.uniquify(tools, owners.stream().map(LoadedComponent::id).toList(), reserved);
    unique.renamings().forEach(renaming -> log.info("{}", renaming));
    List<NamedTool> named = new ArrayList<>();
    for (int i = 0; i < owners.size(); i++) {
      named.add(new NamedTool(owners.get(i), unique.tools().get(i)));
    }
    return named;
  }
}
