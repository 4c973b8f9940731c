package dev.corral.mcp.server;

import dev.corral.mcp.component.LoadedComponent;
import dev.corral.sandbox.runtime.LinkException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the served components ready for their first call in the background: parses the core
 * modules whose parsing was deferred at load, loads their cached compiled code and compiles the
 * large modules that have none, such as a JavaScript engine (see {@code
 * CompiledComponent.compileAhead}; progress is logged to stderr), now and whenever a component is
 * added. A call that comes first does the parsing
 * itself and runs interpreted until the compile is done; nothing waits for this.
 */
public final class ComponentWarmer {
  private static final Logger log = LoggerFactory.getLogger(ComponentWarmer.class);

  private ComponentWarmer() {}

  /** Prepares every component of {@code registry} now and after each change, on a virtual thread. */
  public static void watch(ComponentRegistry registry) {
    prepareLater(registry.all());
    registry.onChange(ComponentWarmer::prepareLater);
  }

  private static void prepareLater(List<LoadedComponent> components) {
    Thread.ofVirtual().name("corral-warm-up").start(() -> {
      // Parsing and cached code first, for all: a long compile must not delay the others' start.
      for (LoadedComponent component : components) {
        prepare(component, false);
      }
      for (LoadedComponent component : components) {
        prepare(component, true);
      }
    });
  }

  private static void prepare(LoadedComponent component, boolean compile) {
    try {
      if (compile) {
        component.sandboxed().compiled().compileAhead();
      } else {
        component.sandboxed().compiled().prepare();
      }
    } catch (LinkException e) {
      // its first call reports this, with the component's name, as a tool error
      log.debug("{}: not prepared ahead of its first call: {}", component.id(), e.getMessage());
    }
  }
}
