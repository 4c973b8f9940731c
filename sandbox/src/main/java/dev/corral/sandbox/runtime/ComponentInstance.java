package dev.corral.sandbox.runtime;

import dev.corral.sandbox.values.Value;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An instantiated component: its exported functions, callable from Java. An instance is used by
 * one call at a time; after a trap it is poisoned and refuses further calls.
 */
public final class ComponentInstance {
  private final List<ExportedFunction> functions;
  private final Map<ExportedFunction, ComponentFunction> implementations;
  private final InstanceState state;

  ComponentInstance(
      List<ExportedFunction> functions,
      Map<ExportedFunction, ComponentFunction> implementations,
      InstanceState state) {
    this.functions = List.copyOf(functions);
    this.implementations = Map.copyOf(implementations);
    this.state = state;
  }

  /** Every exported function, world-level ones first, in export order. */
  public List<ExportedFunction> functions() {
    return functions;
  }

  /** The exported function with this qualified name ({@code iface#name} or {@code name}). */
  public Optional<ExportedFunction> function(String qualifiedName) {
    return functions.stream().filter(f -> f.qualifiedName().equals(qualifiedName)).findFirst();
  }

  /**
   * Calls an exported function. Arguments must match the function's parameter types.
   *
   * @throws ComponentTrap if the guest traps or a canonical ABI rule is broken
   * @throws IllegalArgumentException if {@code function} is not one of this instance's exports
   *     or the arguments do not match its type
   */
  public Optional<Value> call(ExportedFunction function, List<Value> args) throws ComponentTrap {
    ComponentFunction implementation = implementations.get(function);
    if (implementation == null) {
      throw new IllegalArgumentException(function.qualifiedName() + " is not exported by this instance");
    }
    state.checkUsable();
    try {
      return implementation.invoke(args);
    } catch (ComponentTrap trap) {
      state.poison(trap.getMessage());
      throw trap;
    }
  }
}
