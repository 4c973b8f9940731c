package dev.corral.sandbox.runtime;

import dev.corral.sandbox.binary.Component;
import dev.corral.sandbox.binary.ComponentDecodeException;
import dev.corral.sandbox.binary.ComponentDecoder;
import dev.corral.sandbox.error.ComponentTrap;
import dev.corral.sandbox.error.LinkException;
import dev.corral.sandbox.host.Linker;
import dev.corral.sandbox.world.ComponentTypeException;
import dev.corral.sandbox.world.Function;
import dev.corral.sandbox.world.Interface;
import dev.corral.sandbox.world.World;
import dev.corral.sandbox.world.WorldItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A decoded component with its core modules parsed, ready to be instantiated any number of times.
 * Thread-safe and immutable.
 */
public final class CompiledComponent {
  private final Component component;
  private final CoreModuleCache modules;
  private final World world;
  private final List<ExportedFunction> exports;

  private CompiledComponent(Component component, CoreModuleCache modules, World world) {
    this.component = component;
    this.modules = modules;
    this.world = world;
    this.exports = exportedFunctions(world);
  }

  /**
   * Decodes {@code bytes} and parses every core module inside.
   *
   * @throws ComponentDecodeException if the binary is malformed, or is a core module
   * @throws LinkException if a core module inside is invalid, the component's types do not check,
   *     or it uses a feature Corral does not support (component-model async)
   */
  public static CompiledComponent compile(byte[] bytes)
      throws ComponentDecodeException, LinkException {
    return compile(bytes, Execution.TIERED);
  }

  /**
   * Like {@link #compile(byte[])}, choosing how core modules execute ({@link Execution#TIERED} is
   * the default).
   */
  public static CompiledComponent compile(byte[] bytes, Execution execution)
      throws ComponentDecodeException, LinkException {
    return compile(bytes, execution, CodeCache.none());
  }

  /**
   * Like {@link #compile(byte[], Execution)}, keeping the compiled code of core modules in {@code
   * codeCache} across runs (with {@link Execution#TIERED}, a module found there runs compiled from
   * its first instance). A binary whose core modules all parsed and validated in an earlier run
   * (the cache records its digest) has them parsed on first instantiation instead of now.
   */
  public static CompiledComponent compile(byte[] bytes, Execution execution, CodeCache codeCache)
      throws ComponentDecodeException, LinkException {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(codeCache, "codeCache");
    Component component = ComponentDecoder.decode(bytes);
    World world;
    try {
      world = World.of(component);
    } catch (ComponentTypeException e) {
      throw new LinkException("invalid or unsupported component: " + e.getMessage(), e);
    }
    String digest = codeCache.directory().isPresent() ? ComponentCache.digest(bytes) : null;
    CoreModuleCache modules;
    if (digest != null && codeCache.isValidated(digest)) {
      modules = CoreModuleCache.deferParsing(execution, codeCache);
    } else {
      modules = CoreModuleCache.parseAll(component, execution, codeCache);
      if (digest != null) {
        codeCache.markValidated(digest);
      }
    }
    return new CompiledComponent(component, modules, world);
  }

  /**
   * The component's world: its imports and exports with their types and type names, known without
   * instantiating it.
   */
  public World world() {
    return world;
  }

  /**
   * The functions an instance of this component exports, in the same order and with the same names
   * as {@link ComponentInstance#functions()}: world-level functions first, then each exported
   * interface's functions. Each can be passed to {@link ComponentInstance#call} of any instance.
   */
  public List<ExportedFunction> exports() {
    return exports;
  }

  private static List<ExportedFunction> exportedFunctions(World world) {
    List<ExportedFunction> functions = new ArrayList<>();
    for (WorldItem item : world.exports()) {
      if (item instanceof Function f) {
        functions.add(new ExportedFunction(Optional.empty(), f.name(), f.type()));
      }
    }
    for (WorldItem item : world.exports()) {
      if (item instanceof Interface i) {
        for (Function f : i.functions()) {
          functions.add(new ExportedFunction(Optional.of(i.name()), f.name(), f.type()));
        }
      }
    }
    return List.copyOf(functions);
  }

  /** The decoded binary. */
  public Component component() {
    return component;
  }

  /**
   * Parses the core modules whose parsing was deferred (a binary validated by an earlier run) and
   * gets their compiled code (loaded from the code cache, or compiled in {@link Execution#COMPILED}
   * mode), so that the first call does not wait for either. Safe to call at any time, from any
   * thread, any number of times; instances are not affected.
   */
  public void prepare() throws LinkException {
    modules.prepare(component);
  }

  /**
   * Does what {@link #prepare} does and, with {@link Execution#TIERED}, also compiles every large
   * core module (1,000 functions or more: a JavaScript engine, not a small C or Rust tool, which
   * tiers up as it is used) that has no compiled code yet (not in the code cache), waiting for the
   * compiles (which run on their own threads): call it on a background thread when a component
   * arrives, so that its calls run compiled as soon as possible and the code cache holds its code
   * for the next run. Calls made meanwhile are interpreted. Safe to call at any time, from any
   * thread.
   */
  public void compileAhead() throws LinkException {
    modules.compileAhead(component, CoreModuleCache.LARGE_MODULE_FUNCTIONS);
  }

  /** The core modules parsed so far and those with compiled code ready (for tests). */
  CoreModuleCache modules() {
    return modules;
  }

  /**
   * Creates a fresh instance, linking imports against {@code linker} and running start functions.
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
