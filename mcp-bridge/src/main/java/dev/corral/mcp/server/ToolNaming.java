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
 * The names the tools of several components are served under, the same for {@code serve} and
 * {@code corral tool}: a tool named like a built-in tool becomes {@code COMPONENT-ID_NAME}, and a
 * later tool whose name is taken gets a {@code _2}, {@code _3}... suffix (both logged).
 */
public final class ToolNaming {
  private static final Logger log = LoggerFactory.getLogger(ToolNaming.class);

  private ToolNaming() {}

  /** A tool under its served name, with the component that runs it. */
  public record NamedTool(LoadedComponent component, ToolDefinition tool) {}

  /** Every tool of {@code components}, in load order, named away from {@code reserved} and from each other. */
  public static List<NamedTool> name(List<LoadedComponent> components, Set<String> reserved) {
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
    List<NamedTool> named = new ArrayList<>();
    for (int i = 0; i < owners.size(); i++) {
      named.add(new NamedTool(owners.get(i), unique.tools().get(i)));
    }
    return named;
  }

  private static ToolDefinition renamedAwayFromReserved(LoadedComponent component, ToolDefinition tool) {
    String name = ToolNames.sanitize(component.id() + "_" + tool.name());
    log.info("{}: tool name {} is a built-in tool's, using {}", tool.function().qualifiedName(), tool.name(), name);
    return tool.withName(name);
  }
}
