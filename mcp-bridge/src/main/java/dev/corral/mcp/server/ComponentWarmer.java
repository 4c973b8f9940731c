package dev.corral.mcp.server;

import dev.corral.mcp.component.LoadedComponent;
import dev.corral.sandbox.error.LinkException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the served components ready for their first call in the background: parses the core modules
 * whose parsing was deferred at load and loads their cached compiled code (see {@code
 * CompiledComponent.prepare}), now and whenever a component is added. A call that comes first does
 * the same work itself; nothing waits for this.
 */
public final class ComponentWarmer {
  private static final Logger log = LoggerFactory.getLogger(ComponentWarmer.class);

  private ComponentWarmer() {}

  /**
   * Prepares every component of {@code registry} now and after each change, on a virtual thread.
   */
  public static void watch(ComponentRegistry registry) {
    prepareLater(registry.all());
    registry.onChange(ComponentWarmer::prepareLater);
  }

  private static void prepareLater(List<LoadedComponent> components) {
    Thread.ofVirtual()
        .name("corral-warm-up")
        .start(
            () -> {
              for (LoadedComponent component : components) {
                try {
                  component.sandboxed().compiled().prepare();
                } catch (LinkException e) {
                  // its first call reports this, with the component's name, as a tool error
                  log.debug(
                      "{}: not prepared ahead of its first call: {}",
                      component.id(),
                      e.getMessage());
                }
              }
            });
  }
}
