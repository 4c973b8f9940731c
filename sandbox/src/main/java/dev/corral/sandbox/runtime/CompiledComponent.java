package dev.corral.sandbox.runtime;

import dev.corral.sandbox.binary.Component;
import dev.corral.sandbox.binary.ComponentDecodeException;
import dev.corral.sandbox.binary.ComponentDecoder;
import dev.corral.sandbox.host.Linker;
import java.util.Objects;

/**
 * A decoded component with its core modules parsed, ready to be instantiated any number of
 * times. Thread-safe and immutable.
 */
public final class CompiledComponent {
  private final Component component;
  private final CoreModuleCache modules;

  private CompiledComponent(Component component, CoreModuleCache modules) {
    this.component = component;
    this.modules = modules;
  }

  /**
   * Decodes {@code bytes} and parses every core module inside.
   *
   * @throws ComponentDecodeException if the binary is malformed, or is a core module
   * @throws LinkException if a core module inside is invalid
   */
  public static CompiledComponent compile(byte[] bytes) throws ComponentDecodeException, LinkException {
    Objects.requireNonNull(bytes, "bytes");
    Component component = ComponentDecoder.decode(bytes);
    return new CompiledComponent(component, CoreModuleCache.parseAll(component));
  }

  /** The decoded binary. */
  public Component component() {
    return component;
  }

  /**
   * Creates a fresh instance, linking imports against {@code linker} and running start
   * functions.
   */
  public ComponentInstance instantiate(Linker linker) throws LinkException, ComponentTrap {
    return instantiate(linker, InstanceLimits.defaults());
  }

  /** Creates a fresh instance under {@code limits}. */
  public ComponentInstance instantiate(Linker linker, InstanceLimits limits)
      throws LinkException, ComponentTrap {
    return Instantiator.instantiate(component, modules, linker, limits);
  }
}
